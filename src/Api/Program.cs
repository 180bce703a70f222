using Ticketing.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTicketingApi();

var app = builder.Build();
await app.Services.GetRequiredService<TicketingDatabase>().InitialiseAsync(app.Lifetime.ApplicationStopping);

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args, app.Services, Console.Out);
}

app.UseTicketingApi();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Ticketing API ready on {Urls}; Swagger UI at /swagger, readiness at /health/ready", string.Join(", ", app.Urls)));
await app.RunAsync();
return 0;

public partial class Program;

using JasperFx;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Hosting;

if (OfflineVerifier.IsCommand(args))
{
    // `audit verify FILE`: checks an export offline; no host, no database (ADR 0024).
    return OfflineVerifier.Run(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTicketingApi();

var app = builder.Build();
if (CommandLine.IsCodeGeneration(args))
{
    // `codegen write|test|preview`: Wolverine's generated handler code, made without a database.
    return await app.RunJasperFxCommands(args);
}

await app.Services.GetRequiredService<TicketingDatabase>().InitialiseAsync(app.Lifetime.ApplicationStopping);

if (CommandLine.IsCommand(args))
{
    // Disposing the host stops the embedded PostgreSQL it may have started (the web server's shutdown does that otherwise).
    var exitCode = await CommandLine.RunAsync(args, app.Services, Console.Out);
    await app.DisposeAsync();
    return exitCode;
}

app.UseTicketingApi();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation(
        "Ticketing API ready on {Urls}; customer portal at {Portal}, Swagger UI at /swagger, readiness at /health/ready",
        string.Join(", ", app.Urls), app.Urls.FirstOrDefault() is { } url ? $"{url.TrimEnd('/')}/portal" : "/portal"));
await app.RunAsync();
return 0;

public partial class Program;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Operator commands run instead of the web server: <c>projections list</c> and
/// <c>projections rebuild NAME</c> (for example <c>dotnet run --project src/Api -- projections list</c>).
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "projections";

    public static Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        _ = services;
        output.WriteLine($"Unknown command '{string.Join(' ', args)}'. Use: projections list | projections rebuild NAME");
        return Task.FromResult(2);
    }
}

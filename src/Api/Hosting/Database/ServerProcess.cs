using System.Diagnostics;

namespace Ticketing.Api.Hosting.Database;

/// <summary>Runs a command-line tool to completion and fails with its output when it fails.</summary>
internal static class ServerProcess
{
    public static async Task RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user cannot read the caller's working folder when that is root's home.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Path.GetFileName(executable)} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>Prints what a test measured to the xunit output and to the console (CI logs show both).</summary>
public sealed class Figures(ITestOutputHelper output)
{
    public void Print(string line)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss.fff}] {line}");
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}

/// <summary>Polls a condition with a generous deadline: loaded CI machines are slow, never a reason to fail.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, int pollMilliseconds = 100)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds} s: {describe()}");
            }

            await Task.Delay(pollMilliseconds);
        }

        return clock.Elapsed;
    }
}

using System.Diagnostics;

namespace Ticketing.Bench;

/// <summary>Latency and throughput of one closed-loop load: N workers calling an operation until time runs out.</summary>
public sealed record LoadFigures(long Operations, long Errors, double Seconds, double PerSecond, double P50Ms, double P99Ms, double MaxMs)
{
    /// <summary>Every successful operation's latency, sorted (for <see cref="LoadRunner.Merge"/>).</summary>
    public IReadOnlyList<double> Latencies { get; init; } = [];
}

public static class LoadRunner
{
    /// <summary>Runs <paramref name="operation"/> (given the worker index and its call count) from <paramref name="workers"/> loops.</summary>
    public static async Task<LoadFigures> RunAsync(int workers, TimeSpan duration, Func<int, long, Task> operation, TimeSpan? warmUp = null)
    {
        if (warmUp is { } w && w > TimeSpan.Zero)
        {
            await RunLoopsAsync(workers, w, operation);
        }

        return await RunLoopsAsync(workers, duration, operation);
    }

    /// <summary>Runs <paramref name="operation"/> exactly <paramref name="total"/> times (errors included) from <paramref name="workers"/> loops.</summary>
    public static Task<LoadFigures> RunCountAsync(int workers, long total, Func<int, long, Task> operation)
    {
        long issued = 0;
        return RunLoopsAsync(workers, TimeSpan.MaxValue, operation, () => Interlocked.Increment(ref issued) <= total);
    }

    private static async Task<LoadFigures> RunLoopsAsync(int workers, TimeSpan duration, Func<int, long, Task> operation, Func<bool>? next = null)
    {
        var latencies = new List<double>[workers];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(65_536);
            long call = 0;
            while (clock.Elapsed < duration && (next is null || next()))
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, call++);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"  error: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return Figures(all, errors, seconds);
    }

    /// <summary>The figures of two phases of the same load taken as one (their latencies pooled, their times added).</summary>
    public static LoadFigures Merge(LoadFigures a, LoadFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Figures([.. a.Latencies.Concat(b.Latencies).Order()], a.Errors + b.Errors, a.Seconds + b.Seconds);
    }

    private static LoadFigures Figures(double[] sorted, long errors, double seconds) =>
        new(sorted.Length, errors, seconds, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1])
        {
            Latencies = sorted,
        };

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

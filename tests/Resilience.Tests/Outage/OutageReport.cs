using Ticketing.Resilience.Tests.Infrastructure;

namespace Ticketing.Resilience.Tests.Outage;

/// <summary>
/// One outage on the probe's clock: <c>pg_ctl stop</c> began (<see cref="Stopping"/>) and returned (<see cref="Down"/>),
/// <c>pg_ctl start</c> began (<see cref="Starting"/>) and returned (<see cref="Up"/>), the first read succeeded again
/// (<see cref="Recovered"/>).
/// </summary>
public sealed record OutageWindow(string Mode, TimeSpan Stopping, TimeSpan Down, TimeSpan Starting, TimeSpan Up, TimeSpan Recovered);

/// <summary>Sorts the probe's samples by outage phase and prints the figures.</summary>
public sealed class OutageReport(IReadOnlyList<Sample> samples, IReadOnlyList<OutageWindow> outages, Figures figures)
{
    private const string UnavailableCode = "service.database_unavailable";

    private IEnumerable<Sample> Requests => samples.Where(s => s.Request != "health");

    public List<Sample> ServerErrorsOtherThan503 => [.. samples.Where(s => s.Status >= 500 && s.Status != 503)];

    public List<Sample> WithoutAnswer => [.. samples.Where(s => s.Status == 0)];

    /// <summary>Requests sent and answered while the server was fully down that are not a 503 problem with Retry-After.</summary>
    public List<Sample> DuringOutageNot503Problem => [.. Requests.Where(WhollyDown).Where(s =>
        s.Status != 503 || s.Code != UnavailableCode || s.ContentType != "application/problem+json" || s.RetryAfter is null)];

    public TimeSpan MaxLatencyDuringOutage => samples.Where(Overlapping).Select(s => s.Latency).DefaultIfEmpty().Max();

    public List<Sample> HealthDuringOutage => [.. samples.Where(s => s.Request == "health").Where(WhollyDown)];

    /// <summary>Requests sent after the first successful read that followed a restart, and before the next outage, that failed.</summary>
    public List<Sample> FailedAfterRecovery => [.. Requests.Where(s => outages.Select((o, i) => (o, next: i + 1 < outages.Count ? outages[i + 1].Stopping : TimeSpan.MaxValue))
        .Any(w => s.Start >= w.o.Recovered && s.End < w.next)).Where(s => s.Status is < 200 or > 299)];

    public void Print()
    {
        figures.Print($"requests tried: {samples.Count} ({Requests.Count()} API, {samples.Count - Requests.Count()} health); faults injected: {outages.Count} PostgreSQL stops; " +
            $"5xx seen: {samples.Count(s => s.Status == 503)}×503, {samples.Count(s => s.Status >= 500 && s.Status != 503)} other; no answer: {WithoutAnswer.Count}");
        foreach (var o in outages)
        {
            var during = samples.Where(s => s.Start >= o.Stopping && s.End <= o.Up).ToList();
            figures.Print($"stop -m {o.Mode}: stop took {(o.Down - o.Stopping).TotalSeconds:F2} s, down {(o.Starting - o.Down).TotalSeconds:F1} s, " +
                $"start took {(o.Up - o.Starting).TotalSeconds:F2} s; {during.Count} requests meanwhile: {during.Count(s => s.Status == 503)}×503, " +
                $"{during.Count(s => s.Status is >= 200 and < 300)}×2xx, max latency {during.Select(s => s.Latency).DefaultIfEmpty().Max().TotalMilliseconds:F0} ms; " +
                $"first successful read {(o.Recovered - o.Up).TotalSeconds:F2} s after PostgreSQL was up");
        }

        figures.Print($"max latency of any request overlapping an outage: {MaxLatencyDuringOutage.TotalMilliseconds:F0} ms; failed after recovery: {FailedAfterRecovery.Count}");
        foreach (var odd in ServerErrorsOtherThan503.Concat(WithoutAnswer).Concat(DuringOutageNot503Problem).Concat(FailedAfterRecovery).Take(10))
        {
            figures.Print($"  unexpected: {odd}");
        }
    }

    private bool WhollyDown(Sample s) => outages.Any(o => s.Start >= o.Down && s.End <= o.Starting);

    private bool Overlapping(Sample s) => outages.Any(o => s.End >= o.Stopping && s.Start <= o.Recovered);
}

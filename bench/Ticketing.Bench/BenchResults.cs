using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>One measured figure with the settings it ran under.</summary>
public sealed record BenchFigure(string Scenario, string Metric, double Value, string Unit, string Settings);

/// <summary>Collects the figures of one run and writes them as JSON and as a Markdown table.</summary>
public sealed class BenchResults(string machine)
{
    private readonly List<BenchFigure> figures = [];

    public IReadOnlyList<BenchFigure> Figures => figures;

    public void Add(string scenario, string metric, double value, string unit, string settings)
    {
        figures.Add(new BenchFigure(scenario, metric, value, unit, settings));
        Console.WriteLine($"  {scenario} | {metric}: {Format(value)} {unit}   ({settings})");
    }

    public double? Find(string scenario, string metric) =>
        figures.FirstOrDefault(f => f.Scenario == scenario && f.Metric == metric)?.Value;

    public async Task WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var run = new { startedAt = DateTimeOffset.UtcNow, machine, figures };
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.json"),
            JsonSerializer.Serialize(run, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder()
            .AppendLine("# Benchmark results (one run)").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Written {DateTimeOffset.UtcNow:u}.").AppendLine()
            .AppendLine("| scenario | metric | value | unit | settings |")
            .AppendLine("| --- | --- | ---: | --- | --- |");
        foreach (var f in figures)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Scenario} | {f.Metric} | {Format(f.Value)} | {f.Unit} | {f.Settings} |");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "latest.md"), md.ToString());
    }

    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);
}

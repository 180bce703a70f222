using System.Diagnostics;
using MimeKit;
using Npgsql;

namespace Ticketing.Bench;

/// <summary>
/// Issue 14: mail delivery lag, from the committed event to the message file in the pickup folder. A technician posts
/// public replies, one every <see cref="Interval"/>, each on a ticket of its own whose contact gets the reply mail; the
/// reply's body carries a token that the mail repeats. Lag = the <c>.eml</c> file's last write time − the reply event's
/// <c>mt_events.timestamp</c> (PostgreSQL's clock in the appending transaction; same machine, same clock).
/// </summary>
/// <remarks>
/// The API under test migrates its own (empty) database and runs with its production defaults: delivery on
/// (<c>Ticketing:Email:Delivery:Enabled</c>), no SMTP host, so mail goes to the pickup folder under
/// <c>Ticketing:DataFolder</c>. Nothing else is assumed of the delivery mechanism (a polling runner, Wolverine's durable
/// queues) nor of the file names: every <c>.eml</c> under the data folder is read and matched by its token, so the
/// scenario runs against any revision with <c>--api DIR</c> (the old side of <c>bench/side-by-side.sh</c>).
/// </remarks>
public static class MailLagScenario
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);
    private const int WarmUpMails = 5;

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results, string work)
    {
        var dataFolder = Path.Combine(work, "lag-data");
        await using var api = await ApiProcess.StartAsync(connectionString, dataFolder, settings.ApiTree, new Dictionary<string, string>
        {
            ["Ticketing__Email__Delivery__Enabled"] = "true",
            ["Ticketing__Smtp__Host"] = "",
        });
        using var client = new ApiClient(api.BaseAddress);
        await client.SignInAsTechnicianAsync();
        var customer = await client.CreateCustomerAsync(0);
        var contact = await client.CreateContactAsync(customer);
        var tickets = new Guid[WarmUpMails + settings.Mails];
        for (var i = 0; i < tickets.Length; i++)
        {
            tickets[i] = await client.CreateTicketAsync(customer, i, contact);
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        string Token(int i) => $"lagprobe{run}x{i:D5}";
        var mails = new PickupMails(dataFolder);

        // The mail path (rendering, transport, the runner's first pass) warms up outside the measurement.
        for (var i = 0; i < WarmUpMails; i++)
        {
            await client.PostReplyAsync(tickets[i], $"Warm-up reply {Token(i)}.");
        }

        await mails.WaitForAsync(Enumerable.Range(0, WarmUpMails).Select(Token).ToArray(), DeliveryTimeout);

        // Open loop: a reply every Interval whatever the delivery does, so a slow runner shows as lag, not as fewer mails.
        var measured = Enumerable.Range(WarmUpMails, settings.Mails).ToArray();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < measured.Length; k++)
        {
            var due = Interval * k - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var i = measured[k];
            await client.PostReplyAsync(tickets[i], $"Thanks, the spooler is restarted; please try again. Reference {Token(i)}.");
        }

        var tokens = measured.Select(Token).ToArray();
        var written = await mails.WaitForAsync(tokens, DeliveryTimeout);
        var committed = await EventTimesAsync(connectionString, tickets[WarmUpMails..], tokens);
        var lags = tokens.Where(t => written.ContainsKey(t) && committed.ContainsKey(t))
            .Select(t => (written[t] - committed[t]).TotalMilliseconds).Order().ToArray();
        var setting = $"{settings.Mails} public technician replies, one every {Interval.TotalMilliseconds:0} ms, each on its own ticket whose contact gets " +
            "the reply mail; lag = pickup .eml file's write time - the reply event's mt_events timestamp; API defaults (delivery on, no SMTP host: " +
            "pickup folder under Ticketing:DataFolder); API child process (Release, Production), durable cluster";
        results.Add("mail delivery lag", "p50", LoadRunner.Percentile(lags, 0.50), "ms", setting);
        results.Add("mail delivery lag", "p99", LoadRunner.Percentile(lags, 0.99), "ms", setting);
        results.Add("mail delivery lag", "max", lags.Length == 0 ? 0 : lags[^1], "ms", setting);
        results.Add("mail delivery lag", "mean", lags.Length == 0 ? 0 : lags.Average(), "ms", setting);
        results.Add("mail delivery lag", "mails measured", lags.Length, "count", setting);
        results.Add("mail delivery lag", "mails missing", tokens.Length - lags.Length, "count",
            $"{setting}; not in the pickup folder within {DeliveryTimeout.TotalSeconds:0} s of the last reply, or no event found");
        Console.WriteLine($"  mail lag: {lags.Length} of {tokens.Length} mails, p50 {LoadRunner.Percentile(lags, 0.5):0.0} ms, p99 {LoadRunner.Percentile(lags, 0.99):0.0} ms");
    }

    /// <summary>The timestamp of each token's reply event, as PostgreSQL stored it in <c>mt_events</c>.</summary>
    private static async Task<Dictionary<string, DateTime>> EventTimesAsync(string connectionString, Guid[] tickets, string[] tokens)
    {
        var times = new Dictionary<string, DateTime>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text, timestamp from mt_events where stream_id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = tickets });
        await using var reader = await command.ExecuteReaderAsync();
        var wanted = tokens.ToHashSet();
        while (await reader.ReadAsync())
        {
            if (FindToken(reader.GetString(0), wanted) is { } token)
            {
                times[token] = reader.GetFieldValue<DateTime>(1).ToUniversalTime();
            }
        }

        return times;
    }

    /// <summary>The first probe token in <paramref name="text"/> (of <paramref name="tokens"/> if given).</summary>
    private static string? FindToken(string text, IReadOnlySet<string>? tokens)
    {
        var at = text.IndexOf("lagprobe", StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }

            var candidate = text[at..end];
            if (tokens is null || tokens.Contains(candidate))
            {
                return candidate;
            }

            at = text.IndexOf("lagprobe", end, StringComparison.Ordinal);
        }

        return null;
    }

    /// <summary>Every <c>.eml</c> under the API's data folder, read once, by the token its text carries.</summary>
    private sealed class PickupMails(string folder)
    {
        private readonly HashSet<string> read = [];
        private readonly Dictionary<string, DateTime> written = [];

        public async Task<IReadOnlyDictionary<string, DateTime>> WaitForAsync(string[] tokens, TimeSpan timeout)
        {
            var wanted = tokens.ToHashSet();
            var clock = Stopwatch.StartNew();
            while (!wanted.All(written.ContainsKey) && clock.Elapsed < timeout)
            {
                Scan();
                if (!wanted.All(written.ContainsKey))
                {
                    await Task.Delay(50);
                }
            }

            return written;
        }

        private void Scan()
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.eml", SearchOption.AllDirectories))
            {
                if (read.Contains(file))
                {
                    continue;
                }

                try
                {
                    var time = File.GetLastWriteTimeUtc(file);
                    using var message = MimeMessage.Load(file);
                    read.Add(file);
                    if (FindToken($"{message.TextBody}\n{message.HtmlBody}", null) is { } token)
                    {
                        written.TryAdd(token, time);
                    }
                }
                catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
                {
                    // Being written or moved into place: read it on the next pass.
                }
            }
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// A ticket host with one custom status per contending request (<see cref="MarkerStatuses"/>), so every status change
/// targets a status no other request names: its event can be told apart, and it can never be a no-op.
/// </summary>
public sealed class ContentionApiFactory : TicketApiFactory
{
    public const int MarkerStatuses = 512;

    private static readonly string[] Categories = ["Open", "Pending", "Resolved", "Closed"];

    public static string MarkerStatus(int n) => $"contention-{n:D3}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Index 0 is the base factory's "waiting-customer".
        for (var n = 0; n < MarkerStatuses; n++)
        {
            var key = $"Ticketing:Tickets:CustomStatuses:{(n + 1).ToString(CultureInfo.InvariantCulture)}";
            builder.UseSetting($"{key}:Id", MarkerStatus(n));
            builder.UseSetting($"{key}:Name", $"Contention {n}");
            builder.UseSetting($"{key}:Category", Categories[n % Categories.Length]);
        }

        // The contact must see every status in the portal to be mailed of it (ADR 0020): the rounds count the mails.
        string[] visible = ["open", "pending", "resolved", "closed", "waiting-customer", .. Enumerable.Range(0, MarkerStatuses).Select(MarkerStatus)];
        for (var i = 0; i < visible.Length; i++)
        {
            builder.UseSetting($"Ticketing:Portal:VisibleStatuses:{i.ToString(CultureInfo.InvariantCulture)}", visible[i]);
        }
    }
}

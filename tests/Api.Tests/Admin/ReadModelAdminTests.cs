using System.Net;
using Alba;
using Npgsql;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Reliability;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Tests.Admin;

/// <summary>
/// <c>/api/admin/projections</c>: an admin sees every read model's state and lag, and rebuilds one from the event log
/// while technicians keep reading and writing it (ADR 0015).
/// </summary>
public sealed class ReadModelAdminTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private const string Projections = "/api/admin/projections";

    [Fact]
    public async Task Every_read_model_is_listed_as_live_with_no_lag_and_the_size_of_the_log()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        await technician.CreateTicketAsync(await technician.CreateCustomerAsync());

        var models = await admin.GetAsync<List<ReadModel>>(Projections);

        models.Select(m => m.Name).ShouldBe(["ticket_list", "ticket_details", "portal_tickets", "devices"]);
        models.ShouldAllBe(m => m.LagEvents == 0 && m.EventsInLog >= 1);
        models.Where(m => m.LastRebuild == null).ShouldAllBe(m => m.State == "live");
    }

    [Fact]
    public async Task A_rebuild_runs_beside_the_live_tables_readers_always_see_every_ticket_and_writes_made_meanwhile_are_kept()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var tickets = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var ticket = await technician.CreateTicketAsync(customer, $"Rebuild subject {i}");
            await technician.CommandAsync(ticket.Id, "replies", new { body = $"First answer {i}", visibility = "Public" });
            tickets.Add(ticket.Id);
        }

        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await admin.Scenario(s =>
        {
            s.Post.Url($"{Projections}/ticket_details/rebuild");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            s.Header("Location").SingleValueShouldEqual($"{Projections}/ticket_details");
        });

        // The rebuild is a background job of the API, not a Wolverine message: its status endpoint is what tells it is done.
        var written = new List<string>();
        ReadModel status;
        do
        {
            foreach (var id in tickets.Take(5))
            {
                (await technician.TicketAsync(id)).Ticket.Id.ShouldBe(id);
            }

            var marker = $"Written during the rebuild {written.Count}";
            await technician.CommandAsync(tickets[written.Count % tickets.Count], "replies", new { body = marker, visibility = "Public" });
            written.Add(marker);
            status = await admin.GetAsync<ReadModel>($"{Projections}/ticket_details");
        }
        while (status.LastRebuild is not { State: "completed" } last || last.StartedAt < started);

        status.State.ShouldBe("live");
        status.LastRebuild!.EventsDone.ShouldBeGreaterThanOrEqualTo(60);
        foreach (var (marker, i) in written.Select((m, i) => (m, i)))
        {
            (await technician.TicketAsync(tickets[i % tickets.Count])).Timeline.ShouldContain(e => e.Body == marker);
        }

        // The rebuilt tables must equal an inline rebuild's, row for row: only the tables themselves can show that.
        var live = await ReadModelRebuild.SnapshotAsync(api);
        await ReadModelRebuild.RebuildInlineAsync(api);
        (await ReadModelRebuild.SnapshotAsync(api)).ShouldBe(live);
    }

    [Fact]
    public async Task An_unknown_read_model_is_a_404_problem_and_starts_nothing()
    {
        var admin = await api.SignInAdminAsync();

        await admin.ProblemAsync(s => s.Post.Url($"{Projections}/mt_events/rebuild"), HttpStatusCode.NotFound, "projection.not_found");
        await admin.ProblemAsync(s => s.Get.Url($"{Projections}/nope"), HttpStatusCode.NotFound, "projection.not_found");
        // The API lists only known read models, so a rebuild row of another name would never show there.
        (await api.ScalarAsync<long>("select count(*) from read_model_rebuilds where name not in ('ticket_list', 'ticket_details', 'portal_tickets', 'devices')")).ShouldBe(0);
    }

    [Fact]
    public async Task A_rebuild_while_another_one_of_the_same_read_model_holds_its_lock_is_a_409_problem()
    {
        var admin = await api.SignInAdminAsync();
        await using var otherNode = new NpgsqlConnection(api.ConnectionString);
        await otherNode.OpenAsync();
        await using (var take = new NpgsqlCommand("select pg_advisory_lock($1)", otherNode) { Parameters = { new() { Value = ReadModelRebuilder.LockKey("portal_tickets") } } })
        {
            await take.ExecuteNonQueryAsync();
        }

        await admin.ProblemAsync(s => s.Post.Url($"{Projections}/portal_tickets/rebuild"), HttpStatusCode.Conflict, "projection.rebuild_running");
    }
}

/// <summary>A read model as <c>/api/admin/projections</c> lists it: its state, lag and last rebuild.</summary>
public sealed record ReadModel(string Name, string State, long LagEvents, long EventsInLog, Rebuild? LastRebuild, double? Progress);

public sealed record Rebuild(string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long EventsTotal, long EventsDone, string? Error);

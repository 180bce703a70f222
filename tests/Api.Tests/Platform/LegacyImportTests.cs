using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Portal;
using Ticketing.Api.Tests.Reliability;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Rebuilds;
using Ticketing.Projections.Tickets.Queries;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Platform;

/// <summary>
/// "A database written by the old version must not be abandoned": <c>import-legacy-events</c> moves the old event
/// store's log into Marten's, and everything this version reads from the log or its read models shows the old history.
/// </summary>
public sealed class LegacyImportTests(LegacyImportWorld world, ITestOutputHelper log) : IClassFixture<LegacyImportWorld>
{
    private const int LegacyEvents = 19;
    private const int LegacyStreams = 5;

    [Fact]
    public async Task The_import_copies_the_whole_legacy_log_once_and_says_what_it_did_and_left_in_place()
    {
        log.WriteLine(world.ImportOutput);
        world.ImportExitCode.ShouldBe(0, world.ImportOutput);
        world.ImportOutput.ShouldContain($"Copied {LegacyEvents} events and {LegacyStreams} streams into mt_events and mt_streams in one transaction");
        world.ImportOutput.ShouldContain("No notification mail was queued for the imported events");
        world.ImportOutput.ShouldContain("old projection ticket-notifications: at seq 18, 1 event behind");
        world.ImportOutput.ShouldContain("old dead letters of ticket-notifications: 1 event");
        foreach (var name in ReadModelRebuilder.Names)
        {
            world.ImportOutput.ShouldContain($"Rebuilt read model {name} from the log.");
        }

        world.ImportOutput.ShouldContain("The old tables (events, streams, projection_checkpoints, projection_dead_letters) and functions are left in place");
        // The legacy tables, the whole of Marten's log and Wolverine's envelopes are shown by no API: only SQL can count them.
        (await world.ScalarAsync<long>("select count(*) from events")).ShouldBe(LegacyEvents);
        (await world.ScalarAsync<long>("select count(*) from mt_events e where exists (select 1 from events l where l.id = e.id)")).ShouldBe(LegacyEvents);
        (await world.ScalarAsync<long>("""
            select count(*) from wolverine_incoming_envelopes w join events e on position(convert_to(e.id::text, 'UTF8') in w.body) > 0
            """))
            .ShouldBe(0L, "importing old events must not mail anyone about them: no notice, no mail queued");
    }

    [Fact]
    public async Task Every_imported_event_is_linked_into_the_audit_chain_and_a_checkpoint_signs_it()
    {
        // Null when the background job signed everything already.
        await world.Services.GetRequiredService<CheckpointWriter>().WriteAsync(force: true, CancellationToken.None);
        var verification = await world.Services.GetRequiredService<ChainVerifier>().VerifyAsync(null, null, CancellationToken.None);

        (await world.ScalarAsync<long>("select count(*) from event_chain c join events l on l.stream_id = c.stream_id and l.version = c.version"))
            .ShouldBe(LegacyEvents);
        verification.Intact.ShouldBeTrue(verification.FirstBrokenLink?.Detail);
        verification.SignedThroughSequence.ShouldBeGreaterThanOrEqualTo(await world.ScalarAsync<long>("select max(seq_id) from mt_events"));
    }

    [Fact]
    public async Task The_auditor_history_is_exactly_the_legacy_log_ids_versions_types_data_actor_times_correlation_and_order()
    {
        var audit = world.Services.GetRequiredService<TicketAuditQuery>();
        foreach (var (ticket, streams) in new[] { (world.Printer, new[] { world.Printer, world.PrinterCopy }), (world.Vpn, [world.Vpn]), (world.Spam, [world.Spam]) })
        {
            var legacy = await world.Legacy.RowsAsync(streams);

            var history = await audit.HistoryAsync(ticket, CancellationToken.None);

            history.Select(e => new LoggedEvent(
                    e.Sequence, e.EventId, e.StreamId, e.Version, e.Type, e.Data.GetRawText(), e.ActorId, e.ActorName, e.ActorRole,
                    e.RecordedAt, e.CorrelationId, e.CausationId))
                .ShouldBe(legacy);
        }

        var vpn = await world.Legacy.RowsAsync(world.Vpn);
        vpn[1].CausationId.ShouldBe(vpn[0].EventId, "the workflow rule's assignment names the creation that caused it");
        vpn[1].ActorName.ShouldBe(LegacyImportWorld.RuleName);
        (await world.Legacy.RowsAsync(world.Spam))[0].ActorName.ShouldBe(world.ContactEmail);
    }

    [Fact]
    public async Task The_audit_api_serves_the_imported_history_of_a_ticket_and_its_Taskfire_copy()
    {
        var legacy = await world.Legacy.RowsAsync(world.Printer, world.PrinterCopy);

        var history = await world.Auditor.GetAsync<Tickets.AuditedEvent[]>($"/api/audit/tickets/{world.Printer}/history");

        history.Select(e => e.EventId).ShouldBe(legacy.Select(e => e.EventId));
        history.Select(e => e.Stream).ShouldBe(legacy.Select(e => e.StreamId == world.Printer ? "Ticket" : "LinkedCopy"));
        history.Select(e => e.RecordedAt).ShouldBe(legacy.Select(e => e.RecordedAt));
    }

    [Fact]
    public async Task The_state_at_every_version_is_the_fold_of_the_legacy_events_up_to_it()
    {
        foreach (var (stream, versions) in new[] { (world.Printer, 9), (world.PrinterCopy, 2), (world.Vpn, 4), (world.Spam, 2) })
        {
            for (var version = 1; version <= versions; version++)
            {
                var response = await world.Auditor.GetAsync<FoldedState>($"/api/audit/tickets/{stream}/state?version={version}");

                response.Version.ShouldBe(version);
                ShouldBeState(response, world.Legacy.StateAt(stream, version), $"{stream} at version {version}");
            }
        }
    }

    [Fact]
    public async Task The_state_at_an_instant_is_the_fold_of_the_legacy_events_recorded_by_then()
    {
        foreach (var stream in new[] { world.Printer, world.PrinterCopy, world.Vpn })
        {
            foreach (var recorded in world.Legacy.RecordedTimes(stream))
            {
                foreach (var at in new[] { recorded, recorded.AddMinutes(3) })
                {
                    var (expected, version) = world.Legacy.StateAt(stream, at);

                    var response = await world.Auditor.GetAsync<FoldedState>($"/api/audit/tickets/{stream}/state?at={Uri.EscapeDataString(at.ToString("O"))}");

                    response.Version.ShouldBe(version, $"{stream} at {at:O}");
                    ShouldBeState(response, expected, $"{stream} at {at:O}");
                }
            }
        }

        var before = LegacyImportWorld.Start.AddTicks(-10);
        // A microsecond before the first recorded time the ticket did not exist.
        await world.Auditor.Scenario(s =>
        {
            s.Get.Url($"/api/audit/tickets/{world.Printer}/state?at={Uri.EscapeDataString(before.ToString("O"))}");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task The_read_models_are_rebuilt_from_the_imported_log()
    {
        var list = await world.Services.GetRequiredService<TicketListQuery>().ExecuteAsync(new TicketListFilter { CustomerId = world.CustomerId }, CancellationToken.None);

        list.Items.Select(t => t.Id).ShouldBe([world.Printer, world.PrinterCopy, world.Vpn, world.Monitor], ignoreOrder: true, "the deleted ticket is not listed");
        var printer = list.Items.Single(t => t.Id == world.Printer);
        printer.Title.ShouldBe("Printer offline on floor 2");
        printer.Priority.ShouldBe("urgent");
        printer.Impact.ShouldBeNull();
        printer.StatusId.ShouldBe("resolved");
        printer.StatusCategory.ShouldBe(StatusCategory.Resolved);
        printer.ResolvedAt.ShouldBe(world.PrinterResolvedAt, "resolved, reopened and resolved again: the last resolution counts");
        printer.LinkedTicketId.ShouldBe(world.PrinterCopy);
        printer.Version.ShouldBe(9);
        var copy = list.Items.Single(t => t.Id == world.PrinterCopy);
        copy.Side.ShouldBe(TicketSide.TaskfireCopy);
        copy.StatusCategory.ShouldBe(StatusCategory.Resolved);
        copy.TaskfireResourceId.ShouldBe(world.ResourceId);
        var vpn = list.Items.Single(t => t.Id == world.Vpn);
        vpn.StatusCategory.ShouldBe(StatusCategory.Pending);
        vpn.ResolvedAt.ShouldBeNull();
        vpn.AssigneeId.ShouldBe(world.TechnicianId);
        vpn.Source.ShouldBe(TicketSource.Portal);

        var detail = await world.Technician.TicketAsync(world.Printer);
        detail.Timeline.Select(e => e.Body).ShouldContain("We are on it.");
        detail.Timeline.Select(e => e.Body).ShouldContain("Toner swapped.");

        // The portal read model, as the contact of every legacy ticket reads it: MSP tickets only, never the Taskfire
        // copy, and the deleted ticket is gone.
        (await world.Contact.GetAsync<PortalList>("/api/portal/tickets")).Items.Ids()
            .ShouldBe([world.Printer, world.Vpn, world.Monitor], ignoreOrder: true, "the portal shows MSP tickets only, never the Taskfire copy");
        (await world.Contact.GetAsync<PortalPage>($"/api/portal/tickets/{world.Printer}")).Status.ShouldNotBeNull().Value.Id.ShouldBe("resolved");
        foreach (var hidden in new[] { world.Spam, world.PrinterCopy })
        {
            await world.Contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{hidden}"), HttpStatusCode.NotFound, "ticket.not_found");
        }

        (await world.Admin.GetAsync<List<ReadModel>>("/api/admin/projections"))
            .Where(m => ReadModelRebuilder.Names.Contains(m.Name)).Select(m => m.LastRebuild?.State).ShouldBe(["completed", "completed", "completed", "completed"]);
    }

    [Fact]
    public async Task A_second_run_copies_nothing_and_changes_no_read_model()
    {
        // Marten's whole log and the read-model tables row for row are shown by no API: only SQL can compare them.
        var events = await world.ScalarAsync<long>("select count(*) from mt_events");
        var streams = await world.ScalarAsync<long>("select count(*) from mt_streams");
        var readModels = await ReadModelRebuild.SnapshotAsync(world);

        var (exitCode, output) = await world.ImportAsync();

        exitCode.ShouldBe(0, output);
        output.ShouldContain($"Already imported: all {LegacyEvents} legacy events are in Marten's log (mt_events); nothing copied.");
        output.ShouldNotContain("Copied ", Case.Sensitive);
        (await world.ScalarAsync<long>("select count(*) from mt_events")).ShouldBe(events);
        (await world.ScalarAsync<long>("select count(*) from mt_streams")).ShouldBe(streams);
        (await ReadModelRebuild.SnapshotAsync(world)).ShouldBe(readModels);
    }

    [Fact]
    public async Task After_the_import_a_reply_through_the_api_continues_the_stream_at_the_next_version_and_sequence()
    {
        var legacy = await world.Legacy.RowsAsync(world.Monitor);
        // The legacy log's own table: no API reads it.
        var lastLegacySequence = await world.ScalarAsync<long>("select max(seq) from events");

        var response = await world.Technician.CommandAsync(world.Monitor, "replies", new { body = "Swapped the cable, please check.", visibility = "Public" });

        response.ReadAs<CommandResult>().Version.ShouldBe(legacy.Count + 1);
        var history = await world.Services.GetRequiredService<TicketAuditQuery>().HistoryAsync(world.Monitor, CancellationToken.None);
        history.Select(e => e.EventId).ShouldBe([.. legacy.Select(e => e.EventId), history[^1].EventId]);
        history[^1].Version.ShouldBe(legacy.Count + 1);
        history[^1].Sequence.ShouldBeGreaterThan(lastLegacySequence, "Marten's sequence continues after the copied events");
        history[^1].ActorId.ShouldBe(world.TechnicianId);
        (await world.Technician.TicketAsync(world.Monitor)).Ticket.Version.ShouldBe(legacy.Count + 1, "the rebuilt read model takes the new event");
    }

    [Fact]
    public async Task Imported_streams_and_events_are_stored_as_Marten_stores_the_ones_it_writes()
    {
        var created = (await world.Technician.CreateTicketAsync(await world.Admin.CreateCustomerAsync(), "Keyboard missing keys")).Id;
        await world.Technician.CommandAsync(created, "replies", new { body = "On its way.", visibility = "Public" });

        // How Marten stores streams and events (columns, headers) is below every API: only SQL can compare it.
        const string Streams = "select type || ' ' || tenant_id || ' ' || compacted_version || ' ' || is_archived from mt_streams where id = $1";
        (await world.ScalarAsync<string>(Streams, world.Printer)).ShouldBe(await world.ScalarAsync<string>(Streams, created));
        const string Events = """
            select string_agg(type || ' ' || mt_dotnet_type || ' ' || tenant_id || ' ' || is_archived || ' '
                || (select string_agg(k, ',' order by k) from jsonb_object_keys(headers) k), E'\n' order by version)
            from mt_events where stream_id = $1
            """;
        (await world.ScalarAsync<string>(Events, world.Monitor)).ShouldStartWith(await world.ScalarAsync<string>(Events, created));
    }

    private void ShouldBeState(FoldedState response, Ticket expected, string because)
    {
        var options = world.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var expectedJson = JsonSerializer.SerializeToNode(expected, options);
        var actualJson = JsonNode.Parse(response.State.GetRawText());
        JsonNode.DeepEquals(actualJson, expectedJson).ShouldBeTrue($"{because}:\n  api  {actualJson?.ToJsonString()}\n  fold {expectedJson?.ToJsonString()}");
    }
}

/// <summary>
/// <c>GET /api/audit/tickets/{id}/state</c> with the folded state kept as JSON: the test compares the whole tree with the
/// fold of the legacy events serialized the API's way, every field and nested list, which a record's equality would not.
/// </summary>
public sealed record FoldedState(Guid Id, long Version, DateTimeOffset? AsOf, JsonElement State);

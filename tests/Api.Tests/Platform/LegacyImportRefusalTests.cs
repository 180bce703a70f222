using System.Globalization;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.Hosting.Database;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tests.Platform;

/// <summary>When there is nothing to import, or the two logs cannot be merged safely, the import says so and changes nothing.</summary>
public sealed class LegacyImportRefusalTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Without_a_legacy_log_with_unknown_event_types_or_with_Martens_log_already_in_use_the_import_changes_nothing()
    {
        var (exitCode, output) = await ImportAsync();
        exitCode.ShouldBe(0, output);
        output.ShouldContain("No legacy event store here (no tables 'events' and 'streams'): nothing to import.");

        var legacy = new LegacyLog(api.ConnectionString);
        await legacy.CreateSchemaAsync();
        var technician = await api.SignInStaffAsync();
        var technicianId = technician.Id;
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var legacyTicket = Guid.CreateVersion7();
        var at = new DateTimeOffset(2025, 5, 5, 9, 0, 0, TimeSpan.Zero);
        await legacy.AppendAsync(at, LegacyEvent.Of(
            new TicketCreated(legacyTicket, "T20250505.0001", TicketFields.Titled("Old ticket"), "open", StatusCategory.Open, TicketSource.Technician,
                customerId, null, null, null, Actor.Technician(technicianId), at),
            new EventMetadata(technicianId, null, "technician", Guid.CreateVersion7(), null)));
        await ExecuteAsync(
            "select append_events($1, 'ticket', 0, array[gen_random_uuid()], array['ticket.escalated'], array['{}'::jsonb], array[$2::jsonb], $3)",
            Guid.CreateVersion7(), $$"""{"correlationId": "{{Guid.CreateVersion7()}}"}""", at);

        (exitCode, output) = await ImportAsync();

        exitCode.ShouldBe(1, output);
        output.ShouldContain("Refused, nothing changed: the legacy log holds event types this version does not know: ticket.escalated.");
        // "Nothing changed" is about the whole of Marten's log, which no API counts.
        (await api.ScalarAsync<long>("select count(*) from mt_events")).ShouldBe(0L);
        (await api.ScalarAsync<long>("select count(*) from mt_streams")).ShouldBe(0L);

        await ExecuteAsync("delete from events where type = 'ticket.escalated'");
        await technician.CreateTicketAsync(customerId, "Written by this version");
        var martenEvents = await api.ScalarAsync<long>("select count(*) from mt_events");

        (exitCode, output) = await ImportAsync();

        exitCode.ShouldBe(1, output);
        output.ShouldContain($"Refused, nothing changed: Marten's log already holds {martenEvents} events written by this version");
        (await api.ScalarAsync<long>("select count(*) from mt_events")).ShouldBe(martenEvents);
        (await api.ScalarAsync<long>("select count(*) from mt_streams where id = $1", legacyTicket)).ShouldBe(0L);
    }

    private async Task<(int ExitCode, string Output)> ImportAsync()
    {
        await using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await CommandLine.RunAsync([LegacyEventImport.CommandName], api.Services, output);
        return (exitCode, output.ToString());
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}

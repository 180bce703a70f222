using Npgsql;
using Ticketing.Api.Portal.Settings;
using Ticketing.Api.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Privacy;
using Ticketing.Application.Tickets;
using Ticketing.Application.Workflow;
using Ticketing.Application.Workflow.Rules;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// <see cref="ITicketSettings"/> from the versioned settings store (custom statuses from <c>catalogues</c>, reopen
/// policy and time zone from <c>portal</c>) and the workflow rules, checked per call so every node applies a change at
/// once (<see cref="CurrentSettings"/>: unchanged settings are not read again).
/// </summary>
public sealed class StoredTicketSettings(
    NpgsqlDataSource dataSource, CurrentSettings current, IConfiguration configuration, ILogger<RuleAssignees> workflowLog, PersonalDataKeys personalData)
    : ITicketSettings
{
    private readonly SnapshotDerived<TicketPolicies> _policies = new(ToPolicies);

    public async ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct) => _policies.From(await current.LoadAsync(ct));

    /// <summary>
    /// The settings, the enabled rules and their assignable assignees as one batch: one round trip before every ticket
    /// command. A contact's command also reads the contact's key in the same batch (and creates it in the rare case it is missing), unless sealing is off
    /// (<c>Ticketing:Privacy:SealContactText</c>, ADR 0027).
    /// </summary>
    public async Task<TicketCommandInputs> CommandInputsAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var seals = actor.Kind == ActorKind.Contact && configuration.GetValue("Ticketing:Privacy:SealContactText", true);
        var settings = current.BeginRead();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                settings.Command, new NpgsqlBatchCommand(WorkflowRuleStore.EnabledSql),
                new NpgsqlBatchCommand(WorkflowRuleStore.AssignableAssigneesSql),
            },
        };
        if (seals)
        {
            batch.BatchCommands.Add(PersonalDataKeys.KeyCommand(actor.Id));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var snapshot = await settings.ReadAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var rules = await WorkflowRuleStore.ReadEnabledAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var assignable = new HashSet<Guid>();
        while (await reader.ReadAsync(ct))
        {
            assignable.Add(reader.GetGuid(0));
        }

        PersonalDataSeal? seal = null;
        if (seals)
        {
            await reader.NextResultAsync(ct);
            var (found, key) = await personalData.ReadKeyAsync(reader, ct);
            if (!found)
            {
                // A contact without a key row (created while keys did not exist, before the start-up upgrade ran).
                await reader.DisposeAsync();
                key = await personalData.EnsureAsync(connection, actor.Id, ct);
            }

            seal = new PersonalDataSeal(actor.Id, key);
        }

        return new TicketCommandInputs(
            _policies.From(snapshot),
            TimeZoneInfo.FindSystemTimeZoneById(snapshot.Portal.MspTimeZone),
            rules,
            new RuleAssignees(assignable, workflowLog),
            seal);
    }

    public static StatusCatalogue Statuses(CataloguesSection catalogues) => new(catalogues.CustomStatuses);

    public static TicketPolicies ToPolicies(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new TicketPolicies(Statuses(snapshot.Catalogues), new ReopenPolicy(snapshot.Portal.PortalCanReopen));
    }
}

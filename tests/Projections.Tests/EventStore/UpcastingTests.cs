using Marten;
using Marten.Services.Json.Transformations.SystemTextJson;
using Npgsql;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// When an event's shape changes, the log is not rewritten: the old alias is read through an upcaster registered on
/// Marten's options (the way <see cref="Tickets.TicketEventTypes"/> says shapes evolve), with our serializer settings.
/// A small test-only pair stands for any ticket event: a note once stored as <c>test.note.v1</c>, now <see cref="Noted"/>.
/// </summary>
public sealed class UpcastingTests : IAsyncLifetime
{
    private const string OldAlias = "test.note.v1";
    private const string NewAlias = "test.noted";
    private readonly ReadModelDatabase db = new();
    private readonly Guid ticket = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_event_stored_under_an_old_alias_is_read_as_the_current_type_through_a_clr_upcaster()
    {
        var json = $$"""{"ticketId": "{{ticket}}", "text": "Old shape"}""";
        await StoreOldRowAsync(json);
        using var store = db.NewStore(o =>
        {
            o.Events.MapEventType<Noted>(NewAlias);
            o.Events.Upcast<NoteV1, Noted>(OldAlias, old => new Noted(old.TicketId, old.Text, "legacy"));
        });

        await ShouldReadAsCurrentAsync(store, json);
    }

    [Fact]
    public async Task An_event_stored_in_an_old_json_shape_is_read_as_the_current_type_through_a_json_transformation()
    {
        var json = $$"""{"ticket": "{{ticket}}", "note": "Old shape"}""";
        await StoreOldRowAsync(json);
        using var store = db.NewStore(o =>
        {
            o.Events.MapEventType<Noted>(NewAlias);
            o.Events.Upcast<Noted>(OldAlias, JsonTransformations.Upcast(document => new Noted(
                document.RootElement.GetProperty("ticket").GetGuid(), document.RootElement.GetProperty("note").GetString()!, "legacy")));
        });

        await ShouldReadAsCurrentAsync(store, json);
    }

    private async Task ShouldReadAsCurrentAsync(DocumentStore store, string oldJson)
    {
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(ticket, 2, new Noted(ticket, "New shape", "app"));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(ticket);
        events.Select(e => e.Data).ShouldBe([new Noted(ticket, "Old shape", "legacy"), new Noted(ticket, "New shape", "app")]);
        (await query.Events.AggregateStreamAsync<NoteTally>(ticket)).ShouldNotBeNull().Notes.ShouldBe(["legacy: Old shape", "app: New shape"]);
        (await query.Events.QueryAllRawEvents().ToListAsync()).ShouldAllBe(e => e.Data is Noted);

        // Reading changed nothing stored: the old row keeps its alias and its JSON.
        await using var command = db.DataSource.CreateCommand("select type, data from mt_events where stream_id = $1 order by version");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ticket });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        (reader.GetString(0), reader.GetString(1)).ShouldBe((OldAlias, await NormalisedAsync(oldJson)));
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldBe(NewAlias);
    }

    /// <summary>The row an earlier version of the app left: a stream of one event under the old alias.</summary>
    private async Task StoreOldRowAsync(string json)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("insert into mt_streams (id, type, version) values ($1, 'ticket', 1)") { Parameters = { new NpgsqlParameter<Guid> { TypedValue = ticket } } },
                new("""
                    insert into mt_events (seq_id, id, stream_id, version, type, data, timestamp, mt_dotnet_type)
                    values (nextval('mt_events_sequence'), gen_random_uuid(), $1, 1, $2, $3::jsonb, now(), 'Ticketing.Old.NoteV1, Ticketing.Old')
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = ticket },
                        new NpgsqlParameter<string> { TypedValue = OldAlias },
                        new NpgsqlParameter<string> { TypedValue = json },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    private Task<string> NormalisedAsync(string json) => db.ScalarAsync<string>($"select '{json}'::jsonb::text");

    public sealed record NoteV1(Guid TicketId, string Text);

    public sealed record Noted(Guid TicketId, string Text, string Source);

    public sealed class NoteTally
    {
        public Guid Id { get; set; }

        public List<string> Notes { get; } = [];

        public void Apply(Noted e) => Notes.Add($"{e.Source}: {e.Text}");
    }
}

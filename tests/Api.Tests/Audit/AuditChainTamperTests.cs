using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using static Ticketing.Api.Tests.Audit.AuditChainHttp;

namespace Ticketing.Api.Tests.Audit;

/// <summary>
/// Someone with write access to the database changes the log behind the API's back (ADR 0024): each change is found by
/// <c>GET /api/audit/verify?ticketId=</c> and located at its stream, version and sequence. Each test damages a ticket
/// of its own and verifies that ticket.
/// </summary>
public sealed class AuditChainTamperTests(AuditChainApiFactory api) : IClassFixture<AuditChainApiFactory>
{
    [Fact]
    public async Task Changed_event_data_is_the_first_broken_link_at_that_version()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();
        var sequence = await SequenceAsync(ticket, 2);

        await api.ExecuteAsync("update mt_events set data = jsonb_set(data, '{toStatusId}', '\"closed\"') where stream_id = $1 and version = 2", ticket);

        var broken = (await auditor.VerifyAsync(ticket)).FirstBrokenLink.ShouldNotBeNull();
        broken.Code.ShouldBe("event.hash_mismatch");
        (broken.StreamId, broken.Version, broken.Sequence).ShouldBe((ticket, 2L, sequence));
    }

    [Fact]
    public async Task A_deleted_event_is_reported_missing_at_its_version()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();

        await api.ExecuteAsync("delete from mt_events where stream_id = $1 and version = 2", ticket);

        var verification = await auditor.VerifyAsync(ticket);
        verification.Intact.ShouldBeFalse();
        var broken = verification.FirstBrokenLink.ShouldNotBeNull();
        broken.Code.ShouldBe("event.missing");
        (broken.StreamId, broken.Version).ShouldBe((ticket, 2L));
    }

    [Fact]
    public async Task Two_events_swapped_in_the_log_are_found_at_the_first_of_them()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();
        var (second, third) = (await SequenceAsync(ticket, 2), await SequenceAsync(ticket, 3));

        await api.ExecuteAsync("update mt_events set seq_id = -seq_id where stream_id = $1 and version in (2, 3)", ticket);
        await api.ExecuteAsync("update mt_events set seq_id = case version when 2 then $2 else $3 end where stream_id = $1 and version in (2, 3)", ticket, third, second);

        var broken = (await auditor.VerifyAsync(ticket)).FirstBrokenLink.ShouldNotBeNull();
        broken.Code.ShouldBe("event.sequence_changed");
        (broken.StreamId, broken.Version, broken.Sequence).ShouldBe((ticket, 2L, third));
    }

    [Fact]
    public async Task A_change_whose_links_were_rewritten_too_is_caught_by_the_signed_checkpoint()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();
        var checkpoint = await api.CheckpointAsync();

        // The forger knows the canonical form: changes version 2 and recomputes the stored links of 2 and 3.
        await api.ExecuteAsync("update mt_events set data = jsonb_set(data, '{toStatusId}', '\"closed\"') where stream_id = $1 and version = 2", ticket);
        foreach (var version in new long[] { 2, 3 })
        {
            await api.ExecuteAsync("""
                update event_chain c set hash = sha256((select p.hash from event_chain p where p.stream_id = c.stream_id and p.version = c.version - 1)
                    || event_chain_canonical(e.stream_id, e.version, e.seq_id, e.id, e.type, e.timestamp, e.correlation_id, e.causation_id, e.headers, e.data))
                from mt_events e where e.stream_id = c.stream_id and e.version = c.version and c.stream_id = $1 and c.version = $2
                """, ticket, version);
        }

        var broken = (await auditor.VerifyAsync(ticket)).FirstBrokenLink.ShouldNotBeNull();
        broken.Code.ShouldBe("checkpoint.head_mismatch");
        (broken.StreamId, broken.Version, broken.Checkpoint).ShouldBe((ticket, 3L, checkpoint.Number));
    }

    [Fact]
    public async Task The_offline_verifier_finds_a_changed_deleted_or_reordered_event_and_a_forged_checkpoint_in_an_export()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();
        var export = await auditor.ExportAsync(ticket);
        JsonArray Events(JsonNode file) => file["streams"]![0]!["events"]!.AsArray();

        var changed = export.DeepClone();
        Events(changed)[1]!["data"] = Events(changed)[1]!["data"]!.GetValue<string>().Replace("pending", "closed", StringComparison.Ordinal);
        var deleted = export.DeepClone();
        Events(deleted).RemoveAt(1);
        var reordered = export.DeepClone();
        (Events(reordered)[1]!["sequence"], Events(reordered)[2]!["sequence"]) =
            (Events(reordered)[2]!["sequence"]!.DeepClone(), Events(reordered)[1]!["sequence"]!.DeepClone());
        var alteredRoot = export.DeepClone();
        alteredRoot["checkpoints"]![0]!["root"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("forged")));
        var otherKey = export.DeepClone();
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        otherKey["checkpoints"]![0]!["signature"] = Convert.ToBase64String(forger.SignData(Encoding.UTF8.GetBytes("anything"),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        VerifyOffline(changed).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("BROKEN: event.hash_mismatch"), r => r.Output.ShouldContain($"[stream {ticket}, version 2"));
        VerifyOffline(deleted).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("BROKEN: event.missing"), r => r.Output.ShouldContain($"[stream {ticket}, version 2"));
        VerifyOffline(reordered).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("BROKEN: event.hash_mismatch"), r => r.Output.ShouldContain($"[stream {ticket}, version 2"));
        VerifyOffline(alteredRoot).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("BROKEN: checkpoint.signature_invalid"));
        VerifyOffline(otherKey).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("BROKEN: checkpoint.signature_invalid"));
    }

    [Fact]
    public async Task An_export_re_signed_with_a_key_of_the_forgers_own_fails_against_the_published_keys()
    {
        var (ticket, auditor) = await TicketWithThreeEventsAsync();
        var export = await auditor.ExportAsync(ticket);
        var keys = JsonNode.Parse(await (await auditor.Scenario(s => s.Get.Url("/api/audit/keys"))).ReadAsTextAsync())!;

        // The forger changes an event, recomputes every link and the Merkle path of a one-head tree, and signs with a key of their own.
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Forge(export.DeepClone().AsObject(), ticket, forger);

        VerifyOffline(forged).ExitCode.ShouldBe(0, "without trusted keys, an export only proves it is consistent");
        var (exitCode, output) = VerifyOffline(forged, keys);
        exitCode.ShouldBe(1, output);
        output.ShouldContain("BROKEN: checkpoint.unknown_key");
        output.ShouldContain("not among the trusted keys");
    }

    private static JsonObject Forge(JsonObject export, Guid ticket, ECDsa key)
    {
        var stream = export["streams"]![0]!.AsObject();
        var events = stream["events"]!.AsArray();
        events[1]!["data"] = events[1]!["data"]!.GetValue<string>().Replace("pending", "closed", StringComparison.Ordinal);
        var previous = Ticketing.Api.Audit.Chain.EventChain.Genesis;
        foreach (var e in events)
        {
            var chained = new Ticketing.Api.Audit.Chain.ChainedEvent(ticket, e!["version"]!.GetValue<long>(), e["sequence"]!.GetValue<long>(),
                e["eventId"]?.GetValue<Guid>(), e["type"]!.GetValue<string>(), e["recordedAt"]!.GetValue<string>(), e["correlationId"]?.GetValue<string>(),
                e["causationId"]?.GetValue<string>(), e["headers"]?.GetValue<string>(), e["data"]!.GetValue<string>());
            previous = Ticketing.Api.Audit.Chain.EventChain.Link(previous, chained);
            e["hash"] = Convert.ToHexStringLower(previous);
        }

        var keyId = Ticketing.Api.Audit.Chain.AuditPublicKey.IdOf(key);
        var head = events.Count;
        var root = Ticketing.Api.Audit.Chain.MerkleTree.HeadLeaf(ticket, head, previous);
        var checkpointNode = export["checkpoints"]![0]!.AsObject();
        var checkpoint = new Ticketing.Api.Audit.Chain.Checkpoint(checkpointNode["number"]!.GetValue<long>(), checkpointNode["fromSequence"]!.GetValue<long>(),
            checkpointNode["toSequence"]!.GetValue<long>(), 1, Convert.ToHexStringLower(root), checkpointNode["previous"]!.GetValue<string>(),
            checkpointNode["createdAt"]!.GetValue<string>(), keyId, "");
        checkpoint = checkpoint with { Signature = Ticketing.Api.Audit.Chain.Checkpoint.Sign(checkpoint.SignedText(), key) };
        export["checkpoints"] = new JsonArray(JsonSerializerNode(checkpoint));
        stream["signedHead"] = new JsonObject { ["checkpoint"] = checkpoint.Number, ["version"] = head, ["index"] = 0, ["path"] = new JsonArray() };
        export["keys"] = new JsonArray(new JsonObject
        {
            ["keyId"] = keyId, ["algorithm"] = "ES256", ["publicKeyPem"] = key.ExportSubjectPublicKeyInfoPem(),
            ["jwk"] = Ticketing.Api.Audit.Chain.AuditPublicKey.JwkOf(key, keyId) is var jwk ? System.Text.Json.JsonSerializer.SerializeToNode(jwk, Ticketing.Api.Audit.Chain.OfflineVerifier.Json) : null,
            ["createdAt"] = DateTimeOffset.UtcNow, ["active"] = true,
        });
        return export;
    }

    private static JsonNode JsonSerializerNode(Ticketing.Api.Audit.Chain.Checkpoint checkpoint) =>
        System.Text.Json.JsonSerializer.SerializeToNode(checkpoint, Ticketing.Api.Audit.Chain.OfflineVerifier.Json)!;

    private async Task<(Guid Ticket, ApiUser Auditor)> TicketWithThreeEventsAsync()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        await technician.PatchTicketAsync(ticket.Id, new { title = "Printer still offline" });
        var auditor = await api.SignInStaffAsync("auditor");
        var before = await auditor.VerifyAsync(ticket.Id);
        before.Intact.ShouldBeTrue(before.FirstBrokenLink?.Detail);
        return (ticket.Id, auditor);
    }

    private Task<long> SequenceAsync(Guid ticket, long version) =>
        api.ScalarAsync<long>("select seq_id from mt_events where stream_id = $1 and version = $2", ticket, version);
}

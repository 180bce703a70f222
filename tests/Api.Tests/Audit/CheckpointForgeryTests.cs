using System.Security.Cryptography;
using System.Text;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Audit;

/// <summary>
/// A checkpoint changed in the database (ADR 0024): an altered root, or a signature made with another key, is the first
/// broken link of <c>GET /api/audit/verify</c>, located at that checkpoint. One test, on a database of its own, because
/// it damages what every stream's verification depends on.
/// </summary>
public sealed class CheckpointForgeryTests(AuditChainApiFactory api) : IClassFixture<AuditChainApiFactory>
{
    [Fact]
    public async Task An_altered_checkpoint_root_or_a_signature_by_another_key_is_found_at_that_checkpoint()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var first = await api.CheckpointAsync();
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        var second = await api.CheckpointAsync();
        var auditor = await api.SignInStaffAsync("auditor");
        (await auditor.VerifyAsync()).Intact.ShouldBeTrue();

        var root = await api.ScalarAsync<byte[]>("select root from audit_checkpoints where number = $1", second.Number);
        await api.ExecuteAsync("update audit_checkpoints set root = $2 where number = $1", second.Number, SHA256.HashData(Encoding.UTF8.GetBytes("forged")));
        var alteredRoot = (await auditor.VerifyAsync()).FirstBrokenLink.ShouldNotBeNull();
        await api.ExecuteAsync("update audit_checkpoints set root = $2 where number = $1", second.Number, root);

        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await api.ExecuteAsync("update audit_checkpoints set signature = $2 where number = $1", first.Number,
            forger.SignData(Encoding.UTF8.GetBytes(first.SignedText()), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        var otherKey = (await auditor.VerifyAsync(ticket.Id)).FirstBrokenLink.ShouldNotBeNull();

        alteredRoot.Code.ShouldBe("checkpoint.signature_invalid");
        alteredRoot.Checkpoint.ShouldBe(second.Number);
        alteredRoot.Sequence.ShouldBe(second.FromSequence + 1);
        otherKey.Code.ShouldBe("checkpoint.signature_invalid");
        otherKey.Checkpoint.ShouldBe(first.Number);
    }
}

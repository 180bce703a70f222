using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Projections.Rebuilds;
using static Ticketing.Api.Tests.Audit.AuditChainHttp;

namespace Ticketing.Api.Tests.Audit;

/// <summary>
/// The tamper-evident log on an untouched database (ADR 0024): every event Marten stores is linked in its own
/// transaction, signed checkpoints cover the log, verification finds it intact online and an export offline.
/// </summary>
public sealed class AuditChainTests(AuditChainApiFactory api) : IClassFixture<AuditChainApiFactory>
{
    [Fact]
    public async Task Every_stored_event_is_linked_to_its_predecessor_and_a_signed_checkpoint_covers_the_log()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var resource = await api.SignInStaffAsync("taskfire", customerId);
        // Text beyond ASCII: the canonical form counts UTF-8 bytes, in the trigger as in the verifier.
        var ticket = await technician.CreateTicketAsync(customerId, "Drucker im Büro – offline ✓ 🖨");
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = resource.Id, note = "Yours" });
        var auditor = await api.SignInStaffAsync("auditor");

        var checkpoint = await api.CheckpointAsync();
        var all = await auditor.VerifyAsync();
        var one = await auditor.VerifyAsync(ticket.Id);

        (await api.ScalarAsync<long>("select count(*) from event_chain")).ShouldBe(await api.ScalarAsync<long>("select count(*) from mt_events"));
        all.Intact.ShouldBeTrue(all.FirstBrokenLink?.Detail);
        all.EventsChecked.ShouldBe(await api.ScalarAsync<long>("select count(*) from mt_events"));
        all.LastCheckpoint.ShouldBe(checkpoint.Number);
        all.SignedThroughSequence.ShouldBeGreaterThanOrEqualTo(await api.ScalarAsync<long>("select max(seq_id) from mt_events"));
        one.Intact.ShouldBeTrue(one.FirstBrokenLink?.Detail);
        one.StreamsChecked.ShouldBe(2, "the ticket and its Taskfire copy");
        one.EventsChecked.ShouldBe(4);
    }

    [Fact]
    public async Task Two_writers_at_once_sign_one_checkpoint_that_continues_the_last()
    {
        var technician = await api.SignInStaffAsync();
        await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var before = await api.ScalarAsync<long>("select coalesce(max(number), 0) from audit_checkpoints");
        var writer = api.Services.GetRequiredService<CheckpointWriter>();

        var written = await Task.WhenAll(writer.WriteAsync(force: true, CancellationToken.None), writer.WriteAsync(force: true, CancellationToken.None));

        written.Count(c => c is not null).ShouldBe(1);
        written.Single(c => c is not null)!.Number.ShouldBe(before + 1);
        (await api.ScalarAsync<long>("select max(number) from audit_checkpoints")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Marten_schema_updates_and_read_model_rebuilds_keep_the_chain_and_appends_stay_linked()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());

        await api.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await api.Services.GetRequiredService<ReadModelRebuilder>().RebuildAsync("ticket_list", null, CancellationToken.None);
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });

        (await api.ScalarAsync<bool>($"select exists (select from pg_trigger where tgname = '{EventChainSchema.TriggerName}')")).ShouldBeTrue();
        (await api.ScalarAsync<long>("select count(*) from event_chain where stream_id = $1", ticket.Id)).ShouldBe(2L);
        var verification = await (await api.SignInStaffAsync("auditor")).VerifyAsync(ticket.Id);
        verification.Intact.ShouldBeTrue(verification.FirstBrokenLink?.Detail);
    }

    [Fact]
    public async Task Keys_are_published_to_auditors_and_a_rotated_key_stays_published_so_older_checkpoints_still_verify()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var first = await api.CheckpointAsync();

        var rotated = await (await api.SignInAdminAsync()).PostAsync<PublishedKey>("/api/audit/keys/rotate", new { });
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        var second = await api.CheckpointAsync();
        var keys = await (await api.SignInStaffAsync("auditor")).GetAsync<PublishedKey[]>("/api/audit/keys");

        rotated.KeyId.ShouldNotBe(first.KeyId);
        second.KeyId.ShouldBe(rotated.KeyId);
        keys.Select(k => k.KeyId).ShouldContain(first.KeyId);
        keys.Single(k => k.Active).KeyId.ShouldBe(rotated.KeyId);
        keys.ShouldAllBe(k => k.Algorithm == "ES256" && k.Jwk.Crv == "P-256" && k.PublicKeyPem.StartsWith("-----BEGIN PUBLIC KEY-----"));
        (await api.ScalarAsync<string>("select protected_private_key from audit_signing_keys where key_id = $1", rotated.KeyId))
            .ShouldStartWith("CfDJ8", Case.Sensitive, "the private key is stored as a Data Protection payload, not as clear PKCS#8");
        var verification = await (await api.SignInStaffAsync("auditor")).VerifyAsync();
        verification.Intact.ShouldBeTrue(verification.FirstBrokenLink?.Detail);
        verification.CheckpointsChecked.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_key_whose_protection_can_no_longer_be_removed_is_retired_and_a_new_key_signs()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var before = await api.CheckpointAsync();
        await api.ExecuteAsync("update audit_signing_keys set protected_private_key = 'CfDJ8lost' where key_id = $1", before.KeyId);
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });

        // A node that starts now: it has not read the key yet, and the key ring cannot decrypt it.
        var services = api.Services;
        var keys = new AuditSigningKeys(services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), TimeProvider.System);
        var writer = new CheckpointWriter(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), keys, TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>());
        var after = (await writer.WriteAsync(force: true, CancellationToken.None)).ShouldNotBeNull();
        var published = await (await api.SignInStaffAsync("auditor")).GetAsync<PublishedKey[]>("/api/audit/keys");

        after.KeyId.ShouldNotBe(before.KeyId);
        published.Single(k => k.Active).KeyId.ShouldBe(after.KeyId);
        published.Select(k => k.KeyId).ShouldContain(before.KeyId);
        var verification = await (await api.SignInStaffAsync("auditor")).VerifyAsync();
        verification.Intact.ShouldBeTrue(verification.FirstBrokenLink?.Detail);
    }

    [Fact]
    public async Task An_export_verifies_offline_also_against_the_published_keys()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync(), "Imprimante – réseau ✓");
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        var auditor = await api.SignInStaffAsync("auditor");

        var export = await auditor.ExportAsync(ticket.Id);
        var keys = JsonNode.Parse(await (await auditor.Scenario(s => s.Get.Url("/api/audit/keys"))).ReadAsTextAsync())!;

        var (exitCode, output) = VerifyOffline(export);
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"VERIFIED: ticket {ticket.Id}, 2 events in 1 stream(s)");
        VerifyOffline(export, keys).ExitCode.ShouldBe(0);
        var alone = await VerifyInProcessOfItsOwnAsync(export);
        alone.ExitCode.ShouldBe(0, alone.Output);
        alone.Output.ShouldContain("VERIFIED");
        alone.DataFolderUntouched.ShouldBeTrue("the command starts no database");
        export["streams"]![0]!["events"]!.AsArray().Select(e => e!["hash"]!.GetValue<string>().Length).ShouldAllBe(n => n == 64);
    }

    [Fact]
    public async Task Events_newer_than_the_covering_checkpoint_are_reported_as_not_signed_yet()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var export = await (await api.SignInStaffAsync("auditor")).ExportAsync(ticket.Id);
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        var later = await (await api.SignInStaffAsync("auditor")).ExportAsync(ticket.Id);

        VerifyOffline(export).ExitCode.ShouldBe(0);
        later["streams"]![0]!["signedHead"]!["version"]!.GetValue<long>().ShouldBe(2, "the export signs a checkpoint first");
        // An export whose last event came after its checkpoint: the chain holds, the signature does not reach it.
        var unsigned = later.DeepClone().AsObject();
        unsigned["streams"]![0]!["signedHead"] = export["streams"]![0]!["signedHead"]!.DeepClone();
        unsigned["checkpoints"] = export["checkpoints"]!.DeepClone();
        var (exitCode, output) = VerifyOffline(unsigned);
        exitCode.ShouldBe(3, output);
        output.ShouldContain("1 event(s) are newer than the covering checkpoint");
    }

    [Fact]
    public async Task Verify_and_export_of_an_unknown_ticket_are_404_and_a_missing_file_is_exit_code_2()
    {
        var auditor = await api.SignInStaffAsync("auditor");

        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/verify?ticketId={Guid.NewGuid()}"), HttpStatusCode.NotFound, "ticket.not_found");
        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/tickets/{Guid.NewGuid()}/export"), HttpStatusCode.NotFound, "ticket.not_found");
        using var output = new StringWriter();
        OfflineVerifier.Run(["audit", "verify", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json")], output).ShouldBe(2);
        output.ToString().ShouldStartWith("UNREADABLE");
    }
}

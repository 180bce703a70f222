using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Audit;

/// <summary>The background job signs new events without anyone asking (ADR 0024).</summary>
public sealed class CheckpointJobTests(FastCheckpointApiFactory api) : IClassFixture<FastCheckpointApiFactory>
{
    [Fact]
    public async Task New_events_are_signed_by_the_background_job()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var auditor = await api.SignInStaffAsync("auditor");
        var sequence = await api.ScalarAsync<long>("select max(seq_id) from mt_events where stream_id = $1", ticket.Id);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        Verification verification;
        do
        {
            await Task.Delay(100);
            verification = await auditor.VerifyAsync(ticket.Id);
        }
        while (verification.SignedThroughSequence < sequence && DateTime.UtcNow < deadline);

        verification.SignedThroughSequence.ShouldBeGreaterThanOrEqualTo(sequence);
        verification.Intact.ShouldBeTrue(verification.FirstBrokenLink?.Detail);
    }
}

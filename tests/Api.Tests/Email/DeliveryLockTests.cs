using Npgsql;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Email;

/// <summary>The delivery worker runs once across nodes: only where its advisory lock is held.</summary>
public sealed class DeliveryLockTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task Mail_waits_while_another_node_holds_the_delivery_lock_and_goes_out_once_that_node_is_gone()
    {
        // "Another node": a session holding the lock before this host starts; unpooled, so closing it ends the session.
        var otherNodeConnection = new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString;
        await using var otherNode = new NpgsqlConnection(otherNodeConnection);
        await otherNode.OpenAsync();
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended('ticketing.mail-delivery', 0))", otherNode))
        {
            (await take.ExecuteScalarAsync()).ShouldBe(true);
        }

        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        // Ten poll intervals of this host's worker: had it been delivering, the mail would be out by now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await api.OutboxAsync(contact.Email, "welcome")).ShouldHaveSingleItem().Status.ShouldBe("pending");

        await otherNode.CloseAsync();

        var sent = await api.SentMailsAsync(contact.Email, "welcome");
        api.FilesOf(sent.Single()).ShouldHaveSingleItem();
    }
}

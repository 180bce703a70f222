using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ticketing.Api.Email.Inbound;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary>Email-to-ticket (A5): every branch through <c>POST /api/inbound/email</c>.</summary>
public sealed class InboundEmailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("inbound-test-key-012345678")]
    public async Task A_missing_or_wrong_api_key_is_401_and_writes_nothing(string? key)
    {
        var events = await api.EventCountAsync();

        var response = await PostAsync(new { from = "someone@nowhere.example", subject = "Hello", text = "Hi" }, key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "inbound.unauthorized");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_known_contact_opens_an_email_ticket()
    {
        var (technician, _) = await api.StaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());

        var response = await PostAsync(new { from = $"Anna Keller <{contact.Email.ToUpperInvariant()}>", to = "support@msp.example", subject = "  Printer\r\n jammed ", text = "It beeps." });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("contactId").GetGuid().ShouldBe(contact.Id);
        body.GetProperty("contactCreated").GetBoolean().ShouldBeFalse();
        var ticket = await technician.GetTicketAsync(body.GetProperty("ticketId").GetGuid());
        ticket.GetProperty("ticket").GetProperty("source").GetString().ShouldBe("Email");
        ticket.GetProperty("ticket").GetProperty("title").GetString().ShouldBe("Printer jammed");
        ticket.GetProperty("ticket").GetProperty("contactId").GetGuid().ShouldBe(contact.Id);
        ticket.GetProperty("description").GetString().ShouldBe("It beeps.");
    }

    [Fact]
    public async Task A_reply_quoting_the_ticket_number_threads_into_that_ticket_with_its_attachments()
    {
        var (technician, _) = await api.StaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var customerId = await api.ScalarAsync<Guid>("select customer_id from users where id = $1", contact.Id);
        var (ticketId, number) = await technician.CreateTicketAsync(customerId, "Laptop slow", contact.Id);
        var file = Convert.ToBase64String(Encoding.UTF8.GetBytes("fan log"));

        var response = await PostAsync(new
        {
            from = contact.Email, subject = $"RE: [{number}] Laptop slow", html = "<p>Still slow.</p><script>x()</script><p>Log attached &amp; more</p>",
            attachments = new[] { new { fileName = "fan.txt", contentType = "text/plain", contentBase64 = file } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("ticketId").GetGuid().ShouldBe(ticketId);
        body.GetProperty("threaded").GetBoolean().ShouldBeTrue();
        var reply = (await technician.GetTicketAsync(ticketId)).GetProperty("timeline").EnumerateArray()
            .Single(e => e.GetProperty("body").ValueKind == JsonValueKind.String && e.GetProperty("body").GetString()!.Contains("Still slow"));
        reply.GetProperty("body").GetString().ShouldBe("Still slow.\nLog attached & more");
        reply.GetProperty("author").GetProperty("kind").GetString().ShouldBe("Contact");
        reply.GetProperty("attachments").EnumerateArray().Single().GetProperty("fileName").GetString().ShouldBe("fan.txt");
    }

    [Fact]
    public async Task Quoting_the_number_of_another_customers_ticket_opens_a_new_ticket_instead()
    {
        var (technician, _) = await api.StaffAsync();
        var (_, foreignNumber) = await technician.CreateTicketAsync(await technician.CreateCustomerAsync(), "Someone else's");
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());

        var response = await PostAsync(new { from = contact.Email, subject = $"About {foreignNumber}", text = "Let me in" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("threaded").GetBoolean().ShouldBeFalse();
        body.GetProperty("number").GetString().ShouldNotBe(foreignNumber);
    }

    [Fact]
    public async Task An_unknown_sender_of_a_customer_domain_becomes_its_contact_gets_a_welcome_mail_and_a_ticket()
    {
        var (technician, _) = await api.StaffAsync();
        var domain = $"acme-{Guid.NewGuid():N}.example";
        var customerId = await technician.CreateCustomerAsync(null, domain);
        var email = $"new.person@{domain}";

        var response = await PostAsync(new { from = $"\"Nora Neu\" <New.Person@{domain.ToUpperInvariant()}>", subject = "First contact", text = "Hello" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("contactCreated").GetBoolean().ShouldBeTrue();
        var contactId = body.GetProperty("contactId").GetGuid();
        (await api.ScalarAsync<Guid>("select customer_id from users where id = $1 and role = 'contact' and email = $2", contactId, email)).ShouldBe(customerId);
        (await api.ScalarAsync<string>("select first_name || ' ' || last_name from users where id = $1", contactId)).ShouldBe("Nora Neu");
        var ticket = await technician.GetTicketAsync(body.GetProperty("ticketId").GetGuid());
        ticket.GetProperty("ticket").GetProperty("contactId").GetGuid().ShouldBe(contactId);
        ticket.GetProperty("ticket").GetProperty("customerId").GetGuid().ShouldBe(customerId);
        var welcome = await api.PickedUpAsync((await api.SentMailsAsync(email, "welcome")).Single());
        welcome.TextBody!.ShouldContain("Hello Nora Neu");
    }

    [Fact]
    public async Task First_messages_of_one_unknown_sender_arriving_together_make_one_contact_and_each_its_own_ticket()
    {
        var (technician, _) = await api.StaffAsync();
        var domain = $"rush-{Guid.NewGuid():N}.example";
        await technician.CreateCustomerAsync(null, domain);
        var email = $"first.timer@{domain}";

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => PostAsync(new { from = email, subject = $"Message {i}", text = "Hello" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var bodies = (await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<InboundEmailResponse>()))).Select(b => b!).ToList();
        var contactId = bodies.Select(b => b.ContactId).Distinct().ShouldHaveSingleItem();
        bodies.Count(b => b.ContactCreated).ShouldBe(1);
        bodies.Select(b => b.TicketId).Distinct().Count().ShouldBe(4);
        (await api.ScalarAsync<long>("select count(*) from audit_log where action = 'contact.created' and entity_id = $1", contactId)).ShouldBe(1);
        (await api.SentMailsAsync(email, "welcome")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_unknown_domain_is_422_and_nothing_is_written()
    {
        var events = await api.EventCountAsync();
        var email = $"stranger@{Guid.NewGuid():N}.example";

        var response = await PostAsync(new { from = email, subject = "Buy now", text = "Spam" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "inbound.unknown_sender");
        (await api.EventCountAsync()).ShouldBe(events);
        (await api.ScalarAsync<long>("select count(*) from users where email = $1", email)).ShouldBe(0);
        (await api.MailsAsync(email)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gateway_retry_of_the_same_message_id_creates_nothing_twice()
    {
        var (technician, _) = await api.StaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var message = new { from = contact.Email, subject = "Once", text = "Only once", messageId = $"<{Guid.NewGuid():N}@mail.example>" };

        var first = await (await PostAsync(message)).Content.ReadFromJsonAsync<JsonElement>();
        var events = await api.EventCountAsync();
        var retry = await PostAsync(message);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await retry.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        body.GetProperty("ticketId").GetGuid().ShouldBe(first.GetProperty("ticketId").GetGuid());
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_id_open_one_ticket_and_the_others_get_it_as_a_duplicate()
    {
        var (technician, _) = await api.StaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var message = new { from = contact.Email, subject = "At once", text = "Delivered by two nodes", messageId = $"<{Guid.NewGuid():N}@mail.example>" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(message)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(5);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        bodies.Select(b => b.GetProperty("ticketId").GetGuid()).Distinct().Count().ShouldBe(1);
        (await api.ScalarAsync<long>("select count(*) from ticket_list where contact_id = $1", contact.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_after_the_ticket_committed_but_its_message_id_was_not_recorded_finds_the_ticket_instead_of_opening_another()
    {
        var (technician, _) = await api.StaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var messageId = $"<{Guid.NewGuid():N}@mail.example>";
        var message = new { from = contact.Email, subject = "Crash", text = "Node died after the commit", messageId };
        var first = await (await PostAsync(message)).Content.ReadFromJsonAsync<JsonElement>();
        // The node crashed between the ticket's commit and the record of its Message-ID.
        await api.ScalarAsync<int>("with gone as (delete from inbound_messages where message_id = $1 returning 1) select count(*)::int from gone", messageId);
        var events = await api.EventCountAsync();

        var retry = await PostAsync(message);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        var body = await retry.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        body.GetProperty("ticketId").GetGuid().ShouldBe(first.GetProperty("ticketId").GetGuid());
        body.GetProperty("number").GetString().ShouldBe(first.GetProperty("number").GetString());
        (await api.EventCountAsync()).ShouldBe(events);
        (await api.ScalarAsync<long>("select count(*) from inbound_messages where message_id = $1", messageId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_staff_sender_or_a_malformed_message_is_refused()
    {
        await (await PostAsync(new { from = IdentityApiFactory.AdminEmail, subject = "x", text = "y" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "inbound.sender_not_contact");
        var errors = await (await PostAsync(new { from = "not an address", subject = "x" })).ValidationErrorsAsync();
        errors.TryGetProperty("from", out _).ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> PostAsync(object message, string? key = EmailApiFactory.InboundApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/inbound/email")) { Content = JsonContent.Create(message) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await api.CreateClient().SendAsync(request);
    }
}

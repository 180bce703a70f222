using System.Net;
using System.Text;
using Alba;
using Ticketing.Api.Email.Inbound;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

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

        (await PostAsync(new { from = "someone@nowhere.example", subject = "Hello", text = "Hi" }, HttpStatusCode.Unauthorized, key))
            .ShouldBeProblem("inbound.unauthorized");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_known_contact_opens_an_email_ticket()
    {
        var technician = await api.SignInStaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());

        var answer = await ReceiveAsync(
            new { from = $"Anna Keller <{contact.Email.ToUpperInvariant()}>", to = "support@msp.example", subject = "  Printer\r\n jammed ", text = "It beeps." },
            HttpStatusCode.Created);

        answer.ContactId.ShouldBe(contact.Id);
        answer.ContactCreated.ShouldBeFalse();
        var ticket = await technician.TicketAsync(answer.TicketId);
        ticket.Ticket.Source.ShouldBe("Email");
        ticket.Ticket.Title.ShouldBe("Printer jammed");
        ticket.Ticket.ContactId.ShouldBe(contact.Id);
        ticket.Description.ShouldBe("It beeps.");
    }

    [Fact]
    public async Task A_reply_quoting_the_ticket_number_threads_into_that_ticket_with_its_attachments()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Laptop slow", contact.Id);
        var file = Convert.ToBase64String(Encoding.UTF8.GetBytes("fan log"));

        var answer = await ReceiveAsync(new
        {
            from = contact.Email, subject = $"RE: [{ticket.Number}] Laptop slow", html = "<p>Still slow.</p><script>x()</script><p>Log attached &amp; more</p>",
            attachments = new[] { new { fileName = "fan.txt", contentType = "text/plain", contentBase64 = file } },
        }, HttpStatusCode.OK);

        answer.TicketId.ShouldBe(ticket.Id);
        answer.Threaded.ShouldBeTrue();
        var reply = (await technician.GetAsync<AuthoredTicketView>($"/api/tickets/{ticket.Id}")).Timeline
            .Single(e => e.Body?.Contains("Still slow", StringComparison.Ordinal) == true);
        reply.Body.ShouldBe("Still slow.\nLog attached & more");
        reply.Author.Kind.ShouldBe("Contact");
        reply.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("fan.txt");
    }

    [Fact]
    public async Task Quoting_the_number_of_another_customers_ticket_opens_a_new_ticket_instead()
    {
        var technician = await api.SignInStaffAsync();
        var foreign = await technician.CreateTicketAsync(await technician.CreateCustomerAsync(), "Someone else's");
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());

        var answer = await ReceiveAsync(new { from = contact.Email, subject = $"About {foreign.Number}", text = "Let me in" }, HttpStatusCode.Created);

        answer.Threaded.ShouldBeFalse();
        answer.Number.ShouldNotBe(foreign.Number);
    }

    [Fact]
    public async Task An_unknown_sender_of_a_customer_domain_becomes_its_contact_gets_a_welcome_mail_and_a_ticket()
    {
        var technician = await api.SignInStaffAsync();
        var domain = $"acme-{Guid.NewGuid():N}.example";
        var customerId = await technician.CreateCustomerAsync(null, domain);
        var email = $"new.person@{domain}";

        var (result, session) = await api.TrackedScenarioAsync(Post(
            new { from = $"\"Nora Neu\" <New.Person@{domain.ToUpperInvariant()}>", subject = "First contact", text = "Hello" }, HttpStatusCode.Created));

        var answer = result.ReadAs<InboundEmailAnswer>();
        answer.ContactCreated.ShouldBeTrue();
        var contact = await technician.GetAsync<ContactBody>($"/api/contacts/{answer.ContactId}");
        contact.CustomerId.ShouldBe(customerId);
        contact.Email.ShouldBe(email);
        $"{contact.FirstName} {contact.LastName}".ShouldBe("Nora Neu");
        var ticket = await technician.TicketAsync(answer.TicketId);
        ticket.Ticket.ContactId.ShouldBe(answer.ContactId);
        ticket.Ticket.CustomerId.ShouldBe(customerId);
        (await api.SentMailAsync(session, email, "welcome")).TextBody!.ShouldContain("Hello Nora Neu");
    }

    [Fact]
    public async Task First_messages_of_one_unknown_sender_arriving_together_make_one_contact_and_each_its_own_ticket()
    {
        var technician = await api.SignInStaffAsync();
        var domain = $"rush-{Guid.NewGuid():N}.example";
        await technician.CreateCustomerAsync(null, domain);
        var email = $"first.timer@{domain}";

        IScenarioResult[] results = [];
        var session = await api.TrackedAsync(async () => results = await Task.WhenAll(
            Enumerable.Range(1, 4).Select(i => PostAsync(new { from = email, subject = $"Message {i}", text = "Hello" }, HttpStatusCode.Created))));

        var answers = results.Select(r => r.ReadAs<InboundEmailAnswer>()).ToList();
        var contactId = answers.Select(a => a.ContactId).Distinct().ShouldHaveSingleItem();
        answers.Count(a => a.ContactCreated).ShouldBe(1);
        answers.Select(a => a.TicketId).Distinct().Count().ShouldBe(4);
        // The audit log has no endpoint that lists it by entity.
        (await api.ScalarAsync<long>("select count(*) from audit_log where action = 'contact.created' and entity_id = $1", contactId)).ShouldBe(1);
        (await api.SentMailAsync(session, email, "welcome")).To.ToString().ShouldContain(email);
    }

    [Fact]
    public async Task An_unknown_domain_is_422_and_nothing_is_written()
    {
        var events = await api.EventCountAsync();
        var email = $"stranger@{Guid.NewGuid():N}.example";

        var (result, session) = await api.TrackedScenarioAsync(Post(new { from = email, subject = "Buy now", text = "Spam" }, HttpStatusCode.UnprocessableEntity));

        result.ShouldBeProblem("inbound.unknown_sender");
        (await api.EventCountAsync()).ShouldBe(events);
        // No endpoint finds a user by address across customers: the users table shows no account was made for it.
        (await api.ScalarAsync<long>("select count(*) from users where email = $1", email)).ShouldBe(0);
        session.MailsSent(email).ShouldBeEmpty();
        api.PickedUpMails(email).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gateway_retry_of_the_same_message_id_creates_nothing_twice()
    {
        var technician = await api.SignInStaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var message = new { from = contact.Email, subject = "Once", text = "Only once", messageId = $"<{Guid.NewGuid():N}@mail.example>" };
        var first = await ReceiveAsync(message, HttpStatusCode.Created);
        var events = await api.EventCountAsync();

        var retry = await ReceiveAsync(message, HttpStatusCode.OK);

        retry.Duplicate.ShouldBeTrue();
        retry.TicketId.ShouldBe(first.TicketId);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_id_open_one_ticket_and_the_others_get_it_as_a_duplicate()
    {
        var technician = await api.SignInStaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var message = new { from = contact.Email, subject = "At once", text = "Delivered by two nodes", messageId = $"<{Guid.NewGuid():N}@mail.example>" };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.Scenario(Post(message, status: null))));

        var statuses = results.Select(r => (HttpStatusCode)r.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5, string.Join(", ", statuses));
        results.Select(r => r.ReadAs<InboundEmailAnswer>().TicketId).Distinct().Count().ShouldBe(1);
        (await technician.TicketListAsync($"contactId={contact.Id}&includeTotal=true")).Total.ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_after_the_ticket_committed_but_its_message_id_was_not_recorded_finds_the_ticket_instead_of_opening_another()
    {
        var technician = await api.SignInStaffAsync();
        var contact = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var messageId = $"<{Guid.NewGuid():N}@mail.example>";
        var message = new { from = contact.Email, subject = "Crash", text = "Node died after the commit", messageId };
        var first = await ReceiveAsync(message, HttpStatusCode.Created);
        // The node crashed between the ticket's commit and the record of its Message-ID (inbound_messages has no endpoint).
        await api.ScalarAsync<int>("with gone as (delete from inbound_messages where message_id = $1 returning 1) select count(*)::int from gone", messageId);
        var events = await api.EventCountAsync();

        var retry = await ReceiveAsync(message, HttpStatusCode.OK);

        retry.Duplicate.ShouldBeTrue();
        retry.TicketId.ShouldBe(first.TicketId);
        retry.Number.ShouldBe(first.Number);
        (await api.EventCountAsync()).ShouldBe(events);
        (await api.ScalarAsync<long>("select count(*) from inbound_messages where message_id = $1", messageId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_staff_sender_or_a_malformed_message_is_refused()
    {
        (await PostAsync(new { from = IdentityApiFactory.AdminEmail, subject = "x", text = "y" }, HttpStatusCode.UnprocessableEntity))
            .ShouldBeProblem("inbound.sender_not_contact");

        var invalid = (await PostAsync(new { from = "not an address", subject = "x" }, HttpStatusCode.BadRequest)).ShouldBeProblem("request.invalid");

        invalid.Errors.ShouldNotBeNull().ShouldContainKey("from");
    }

    /// <summary>The gateway's request: the message as JSON with the API key (none when <paramref name="key"/> is null), expecting <paramref name="status"/> (any when null).</summary>
    private static Action<Scenario> Post(object message, HttpStatusCode? status, string? key = EmailApiFactory.InboundApiKey) => s =>
    {
        s.Post.Json(message).ToUrl("/api/inbound/email");
        if (key is not null)
        {
            s.WithRequestHeader("X-Api-Key", key);
        }

        if (status is { } expected)
        {
            s.StatusCodeShouldBe(expected);
        }
        else
        {
            s.IgnoreStatusCode();
        }
    };

    private Task<IScenarioResult> PostAsync(object message, HttpStatusCode status, string? key = EmailApiFactory.InboundApiKey) =>
        api.Scenario(Post(message, status, key));

    private async Task<InboundEmailAnswer> ReceiveAsync(object message, HttpStatusCode status) =>
        (await PostAsync(message, status)).ReadAs<InboundEmailAnswer>();
}

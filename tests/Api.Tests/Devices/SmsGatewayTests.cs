using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>A local SMS gateway: records each request's authorization header and JSON body, answers 202.</summary>
public sealed class SmsGatewayStub : IDisposable
{
    private readonly HttpListener _listener = new();

    public SmsGatewayStub()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(string? Authorization, string Body)> Received { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Received.Enqueue((context.Request.Headers["Authorization"], await reader.ReadToEndAsync()));
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }
}

/// <summary>A host whose SMS go to <see cref="Gateway"/> with Basic credentials.</summary>
public sealed class SmsGatewayApiFactory : TicketApiFactory
{
    public SmsGatewayStub Gateway { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Sms:Url", Gateway.Url);
        builder.UseSetting("Ticketing:Sms:Username", "msp");
        builder.UseSetting("Ticketing:Sms:Password", "gateway-secret");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Gateway.Dispose();
    }
}

public sealed record GatewayMessage(string To, string Text);

public sealed class SmsGatewayTests(SmsGatewayApiFactory api) : IClassFixture<SmsGatewayApiFactory>
{
    [Fact]
    public async Task With_a_gateway_configured_a_code_is_posted_to_it_with_the_credentials_and_nothing_lands_in_the_pickup_folder()
    {
        await (await api.SignInAdminAsync()).SwitchSelfServiceAsync(enabled: true); // the phone and devices are self-service's (P11)
        var technician = await api.SignInStaffAsync();
        var portal = await api.SignInAsync(await technician.CreateContactAsync(await technician.CreateCustomerAsync()));
        var phone = PhoneHttp.NewPhone();

        await portal.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);

        var (authorization, body) = api.Gateway.Received.ShouldHaveSingleItem();
        authorization.ShouldBe($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("msp:gateway-secret"))}");
        var message = System.Text.Json.JsonSerializer.Deserialize<GatewayMessage>(body, ApiUserScenarios.Contract)!;
        message.To.ShouldBe(phone);
        message.Text.ShouldMatch(@"\b\d{6}\b");
        api.MessagesTo(phone).ShouldBeEmpty();
    }
}

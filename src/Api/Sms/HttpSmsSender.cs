using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Ticketing.Application.Sms;

namespace Ticketing.Api.Sms;

/// <summary>An SMS gateway reached over HTTP (<c>Ticketing:Sms:Url</c>), with Basic credentials or a bearer API key.</summary>
public sealed class HttpSmsOptions
{
    public const string Section = "Ticketing:Sms";

    /// <summary>Where a message is POSTed as JSON <c>{"to": "+41…", "text": "…"}</c>; empty uses the pickup folder.</summary>
    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set (instead of Basic).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Posts each message to the configured gateway; any non-success answer or network failure is <see cref="SmsUnavailableException"/>.</summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<HttpSmsOptions> options) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = JsonContent.Create(new { to = phone, text }) };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }
        else if (!string.IsNullOrEmpty(settings.Username))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new SmsUnavailableException($"The SMS gateway answered {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException e)
        {
            throw new SmsUnavailableException("The SMS gateway could not be reached.", e);
        }
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Application.Devices.Agents;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Api.Devices.Agents;

/// <summary>
/// The agents' own authentication scheme (ADR 0030): <c>Authorization: Device &lt;credential&gt;</c>, the secret
/// <c>POST /api/agent/enrol</c> gave the device. Only agent routes use it; it never accepts a user's token, and the
/// users' bearer scheme never accepts a device credential. A retired device's credential stops working.
/// </summary>
public sealed class AgentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource dataSource)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Device";
    public const string Role = "device";

    /// <summary>The policy of agent routes: a device credential, nothing else.</summary>
    public const string Policy = "agent:device";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header[(SchemeName.Length + 1)..].Trim();
        await using var command = dataSource.CreateCommand("""
            select d.id, d.customer_id from device_credentials c join devices d on d.id = c.device_id
            where c.secret_hash = $1 and not d.retired
            """).With(AgentSecrets.Hash(secret));
        await using var reader = await command.ExecuteReaderAsync(Context.RequestAborted);
        if (!await reader.ReadAsync(Context.RequestAborted))
        {
            return AuthenticateResult.Fail("Unknown device credential.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(IdentityClaimTypes.Subject, reader.GetGuid(0).ToString()),
                new Claim(IdentityClaimTypes.Role, Role),
                new Claim(IdentityClaimTypes.CustomerId, reader.GetGuid(1).ToString()),
            ],
            SchemeName, IdentityClaimTypes.Subject, IdentityClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The device the request authenticated as.</summary>
    public static Guid DeviceOf(ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(IdentityClaimTypes.Subject) ?? throw new InvalidOperationException("Not an agent request."));
}

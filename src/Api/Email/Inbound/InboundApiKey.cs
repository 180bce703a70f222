using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Api.Email.Inbound;

/// <summary>The mail gateway's key (<c>Ticketing:InboundEmail:ApiKey</c>), sent in the <c>X-Api-Key</c> header.</summary>
public static class InboundApiKey
{
    public const string Header = "X-Api-Key";
    public const string Setting = "Ticketing:InboundEmail:ApiKey";

    /// <summary>
    /// Constant-time comparison of SHA-256 digests (equal lengths whatever was sent); with no key configured the
    /// endpoint accepts nobody.
    /// </summary>
    public static bool Matches(string? configured, string? presented)
    {
        if (string.IsNullOrEmpty(configured) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}

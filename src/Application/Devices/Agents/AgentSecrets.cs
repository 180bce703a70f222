using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Application.Devices.Agents;

/// <summary>
/// Enrolment keys and device credentials: 256 random bits, shown once, stored as their SHA-256 (ADR 0030). A fast hash
/// is enough for secrets of that entropy (nothing to brute-force, unlike a password) and keeps an agent's poll cheap.
/// </summary>
public static class AgentSecrets
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? ""));
}

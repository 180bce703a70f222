using Microsoft.AspNetCore.Identity;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2) for passwords and reset codes. The dummy verification
/// lets a request for an unknown account cost as much as one for a known account (no timing oracle).
/// </summary>
public sealed class SecretHasher
{
    private static readonly PasswordHasher<SecretHasher> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, PasswordGenerator.Password()));

    public string Hash(string secret) => Hasher.HashPassword(this, secret);

    public SecretCheck Verify(string hash, string secret) => Hasher.VerifyHashedPassword(this, hash, secret) switch
    {
        PasswordVerificationResult.Success => SecretCheck.Valid,
        PasswordVerificationResult.SuccessRehashNeeded => SecretCheck.ValidButRehash,
        _ => SecretCheck.Invalid,
    };

    /// <summary>Spends the time of one verification and always fails.</summary>
    public SecretCheck VerifyNothing(string secret)
    {
        Hasher.VerifyHashedPassword(this, DummyHash.Value, secret);
        return SecretCheck.Invalid;
    }
}

public enum SecretCheck
{
    Invalid,
    Valid,
    ValidButRehash,
}

using System.Security.Cryptography;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>Generated passwords (shown once) and password reset codes, from the OS's CSPRNG.</summary>
public static class PasswordGenerator
{
    // No look-alikes (0/O, 1/l/I) since people copy these from a screen.
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!?#%+";
    private const int Length = 18;

    /// <summary>18 characters from every class: about 105 bits of entropy.</summary>
    public static string Password()
    {
        var all = (Lower + Upper + Digits + Symbols).AsSpan();
        var chars = new char[Length];
        chars[0] = Pick(Lower);
        chars[1] = Pick(Upper);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        RandomNumberGenerator.GetItems(all, chars.AsSpan(4));
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>An 8-digit code to type from an email; attempts per code are limited, so 10^8 is plenty.</summary>
    public static string ResetCode() => RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
}

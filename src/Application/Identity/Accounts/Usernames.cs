using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>Readable generated usernames: <c>first.last</c> folded to ASCII, plus digits to make them unique.</summary>
public static class Usernames
{
    public static string Base(string firstName, string lastName)
    {
        var first = Fold(firstName);
        var last = Fold(lastName);
        var joined = string.Join('.', new[] { first, last }.Where(part => part.Length > 0));
        return joined.Length == 0 ? "user" : joined[..Math.Min(joined.Length, 40)];
    }

    /// <summary>Candidates to try in order; more digits the further down, so collisions die out fast.</summary>
    public static IReadOnlyList<string> Candidates(string baseName) =>
    [
        .. Enumerable.Range(0, 4).Select(_ => baseName + RandomNumberGenerator.GetInt32(10, 100).ToString(CultureInfo.InvariantCulture)),
        .. Enumerable.Range(0, 4).Select(_ => baseName + RandomNumberGenerator.GetInt32(1000, 10000).ToString(CultureInfo.InvariantCulture)),
        baseName + RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture),
    ];

    private static string Fold(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant()
            .Replace("ß", "ss", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("ø", "o", StringComparison.Ordinal).Replace("œ", "oe", StringComparison.Ordinal)
            .Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c is '-' or ' ' or '\'' && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}

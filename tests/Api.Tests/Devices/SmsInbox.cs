using System.Text.RegularExpressions;

namespace Ticketing.Api.Tests.Devices;

/// <summary>The SMS pickup folder of a test host, read the way a phone would: the latest message to a number.</summary>
public static partial class SmsInbox
{
    public static string Folder(this ApiFactory api) => Path.Combine(api.DataFolder, "sms-pickup");

    /// <summary>Every message sent to <paramref name="phone"/>, oldest first (file names are version-7 ids).</summary>
    public static IReadOnlyList<string> MessagesTo(this ApiFactory api, string phone) =>
        !Directory.Exists(api.Folder()) ? [] :
        [.. Directory.GetFiles(api.Folder(), "*.sms").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Where(text => text.StartsWith($"To: {phone}\n", StringComparison.Ordinal))];

    /// <summary>The six-digit code of the latest message to <paramref name="phone"/>.</summary>
    public static string LatestCodeTo(this ApiFactory api, string phone) =>
        SixDigits().Match(api.MessagesTo(phone).Last()).Value;

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}

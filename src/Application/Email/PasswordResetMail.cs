using System.Globalization;

namespace Ticketing.Application.Email;

/// <summary>The password reset mail (P9): the template <c>password_reset</c> in the account's language (A4).</summary>
public static class PasswordResetMail
{
    public const string Kind = EmailKinds.PasswordReset;

    public static SendMail Compose(string recipient, string language, string firstName, TimeSpan validity, DateTimeOffset now) =>
        new(MailIds.New(), Kind, recipient, language, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EmailSnippets.RecipientName] = firstName,
            [EmailSnippets.ContactName] = firstName,
            [EmailSnippets.ValidMinutes] = ((int)validity.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        }, now);

    /// <summary>The code travels as a secret: kept encrypted in <c>mail_secrets</c> until the mail is sent.</summary>
    public static Dictionary<string, string?> Secrets(string code) => new(StringComparer.Ordinal) { [EmailSnippets.ResetCode] = code };
}

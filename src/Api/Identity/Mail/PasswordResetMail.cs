using System.Globalization;
using Ticketing.Application.Email;

namespace Ticketing.Api.Identity.Mail;

/// <summary>The password reset mail (P9): the template <c>password_reset</c> in the account's language (A4).</summary>
public static class PasswordResetMail
{
    public const string Kind = EmailKinds.PasswordReset;

    public static OutgoingMail Compose(string recipient, string language, string firstName, string code, TimeSpan validity) =>
        new(Kind, recipient, language, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EmailSnippets.RecipientName] = firstName,
            [EmailSnippets.ContactName] = firstName,
            [EmailSnippets.ResetCode] = code,
            [EmailSnippets.ValidMinutes] = ((int)validity.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        });
}

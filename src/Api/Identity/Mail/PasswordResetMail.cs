using System.Globalization;

namespace Ticketing.Api.Identity.Mail;

/// <summary>
/// The built-in password reset mail (P9) in en/fr/de/es/it; other languages get English until translated.
/// The admin-editable templates of A4 will replace these texts.
/// </summary>
public static class PasswordResetMail
{
    public const string Kind = "password_reset";

    private static readonly Dictionary<string, (string Subject, string Body)> Texts = new(StringComparer.Ordinal)
    {
        ["en"] = ("Your password reset code",
            "Hello {0},\n\nyour password reset code is {1}. It is valid for {2} minutes and can be used once.\n\nIf you did not ask for it, ignore this message; your password stays unchanged."),
        ["fr"] = ("Votre code de réinitialisation du mot de passe",
            "Bonjour {0},\n\nvotre code de réinitialisation est {1}. Il est valable {2} minutes et ne peut servir qu'une fois.\n\nSi vous ne l'avez pas demandé, ignorez ce message ; votre mot de passe reste inchangé."),
        ["de"] = ("Ihr Code zum Zurücksetzen des Passworts",
            "Hallo {0},\n\nIhr Code zum Zurücksetzen des Passworts lautet {1}. Er ist {2} Minuten gültig und nur einmal verwendbar.\n\nFalls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert."),
        ["es"] = ("Su código para restablecer la contraseña",
            "Hola {0}:\n\nsu código para restablecer la contraseña es {1}. Es válido durante {2} minutos y solo se puede usar una vez.\n\nSi no lo ha solicitado, ignore este mensaje; su contraseña no cambia."),
        ["it"] = ("Il suo codice per reimpostare la password",
            "Salve {0},\n\nil suo codice per reimpostare la password è {1}. È valido per {2} minuti e si può usare una sola volta.\n\nSe non l'ha richiesto, ignori questo messaggio; la sua password resta invariata."),
    };

    public static OutgoingMail Compose(string recipient, string language, string firstName, string code, TimeSpan validity)
    {
        var used = Texts.ContainsKey(language) ? language : "en";
        var (subject, body) = Texts[used];
        var minutes = ((int)validity.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return new OutgoingMail(Kind, recipient, used, subject, string.Format(CultureInfo.InvariantCulture, body, firstName, code, minutes));
    }
}

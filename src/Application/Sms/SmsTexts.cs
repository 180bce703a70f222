using System.Collections.Frozen;
using System.Globalization;
using Npgsql;
using Ticketing.Application.Persistence;
using Ticketing.Application.Portal;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Sms;

/// <summary>
/// The texts of the SMS sent to a contact (P13), in the contact's language (P10): the languages of the portal and its
/// mails (<see cref="PortalTexts.Languages"/>), English for any other. Codes and passwords are inserted as they are
/// (ASCII digits and the agent's characters), never translated.
/// </summary>
public static class SmsTexts
{
    // key = [en, fr, de, es, it, da, nl, he, pt, th]: the order of PortalTexts.Languages
    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["phone_code"] =
        [
            "Your verification code: {0}",
            "Votre code de vérification : {0}",
            "Ihr Bestätigungscode: {0}",
            "Su código de verificación: {0}",
            "Il tuo codice di verifica: {0}",
            "Din bekræftelseskode: {0}",
            "Uw verificatiecode: {0}",
            "קוד האימות שלך: {0}",
            "O seu código de verificação: {0}",
            "รหัสยืนยันของคุณ: {0}",
        ],
        ["action_code"] =
        [
            "Code to confirm '{0}' on {1}: {2}",
            "Code pour confirmer « {0} » sur {1} : {2}",
            "Code zur Bestätigung von „{0}“ auf {1}: {2}",
            "Código para confirmar «{0}» en {1}: {2}",
            "Codice per confermare «{0}» su {1}: {2}",
            "Kode til at bekræfte »{0}« på {1}: {2}",
            "Code om '{0}' op {1} te bevestigen: {2}",
            "קוד לאישור '{0}' במכשיר {1}: {2}",
            "Código para confirmar «{0}» em {1}: {2}",
            "รหัสยืนยัน '{0}' บน {1}: {2}",
        ],
        ["temporary_password"] =
        [
            "Temporary password for {0}: {1}",
            "Mot de passe temporaire pour {0} : {1}",
            "Temporäres Passwort für {0}: {1}",
            "Contraseña temporal para {0}: {1}",
            "Password temporanea per {0}: {1}",
            "Midlertidig adgangskode til {0}: {1}",
            "Tijdelijk wachtwoord voor {0}: {1}",
            "סיסמה זמנית עבור {0}: {1}",
            "Palavra-passe temporária para {0}: {1}",
            "รหัสผ่านชั่วคราวสำหรับ {0}: {1}",
        ],
        ["action.restart"] = ["Restart", "Redémarrer", "Neu starten", "Reiniciar", "Riavviare", "Genstart", "Opnieuw opstarten", "הפעלה מחדש", "Reiniciar", "รีสตาร์ท"],
        ["action.lock"] = ["Lock", "Verrouiller", "Sperren", "Bloquear", "Bloccare", "Lås", "Vergrendelen", "נעילה", "Bloquear", "ล็อก"],
        ["action.shutdown"] = ["Shut down", "Éteindre", "Herunterfahren", "Apagar", "Spegnere", "Luk ned", "Afsluiten", "כיבוי", "Desligar", "ปิดเครื่อง"],
        ["action.logout"] = ["Log out", "Déconnecter", "Abmelden", "Cerrar sesión", "Disconnettere", "Log af", "Afmelden", "התנתקות", "Terminar sessão", "ออกจากระบบ"],
        ["action.reset_password"] =
        [
            "Reset password", "Réinitialiser le mot de passe", "Passwort zurücksetzen", "Restablecer contraseña", "Reimpostare la password",
            "Nulstil adgangskode", "Wachtwoord opnieuw instellen", "איפוס סיסמה", "Redefinir palavra-passe", "รีเซ็ตรหัสผ่าน",
        ],
        ["action.install_application"] =
            ["Install {0}", "Installer {0}", "{0} installieren", "Instalar {0}", "Installare {0}", "Installér {0}", "{0} installeren", "התקנת {0}", "Instalar {0}", "ติดตั้ง {0}"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every key of the table, for the test that each has all languages.</summary>
    public static IEnumerable<string> Keys => Table.Keys;

    /// <summary>The code that confirms a new phone number.</summary>
    public static string PhoneCode(string language, string code) => Format("phone_code", language, code);

    /// <summary>The code that confirms one action on a device, naming the action and the device.</summary>
    public static string ActionCode(string language, DeviceActionKind kind, string? package, string device, string code) =>
        Format("action_code", language, ActionName(language, kind, package), device, code);

    /// <summary>The temporary password the agent set on the device.</summary>
    public static string TemporaryPassword(string language, string device, string password) => Format("temporary_password", language, device, password);

    /// <summary>An action's name as a contact reads it (also the portal pages' wording of the action).</summary>
    public static string ActionName(string language, DeviceActionKind kind, string? package) => kind switch
    {
        DeviceActionKind.Restart => Format("action.restart", language),
        DeviceActionKind.Lock => Format("action.lock", language),
        DeviceActionKind.Shutdown => Format("action.shutdown", language),
        DeviceActionKind.Logout => Format("action.logout", language),
        DeviceActionKind.ResetPassword => Format("action.reset_password", language),
        _ => Format("action.install_application", language, package ?? ""),
    };

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (English when the language has no texts).</summary>
    public static string Text(string key, string language)
    {
        var texts = Table[key];
        var index = IndexOf(language);
        return texts[index < 0 ? 0 : index];
    }

    /// <summary>The contact's language (P10), English when unknown.</summary>
    public static async Task<string> LanguageOfAsync(NpgsqlDataSource dataSource, Guid contactId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("select language from users where id = $1").With(contactId);
        return await command.ExecuteScalarAsync(ct) as string ?? "en";
    }

    private static string Format(string key, string language, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, Text(key, language), values);

    private static int IndexOf(string language)
    {
        for (var i = 0; i < PortalTexts.Languages.Count; i++)
        {
            if (string.Equals(PortalTexts.Languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

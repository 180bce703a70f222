using System.Collections.Frozen;

namespace Ticketing.Application.Portal;

/// <summary>
/// The texts the portal API returns and the portal pages show (P10): built-in status names and problem titles, in
/// every portal language (<see cref="Languages"/>, those of <c>PortalLanguages.Supported</c>). Any other language falls
/// back to English; an unknown key to the caller's text.
/// </summary>
public static class PortalTexts
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "de", "es", "it", "da", "nl", "he", "pt", "th"];

    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // key = [en, fr, de, es, it, da, nl, he, pt, th]: the order of Languages
        ["assistant.found"] =
        [
            "These articles may help:",
            "Ces articles peuvent vous aider :",
            "Diese Artikel können helfen:",
            "Estos artículos pueden ayudarle:",
            "Questi articoli possono esserti utili:",
            "Disse artikler kan måske hjælpe:",
            "Deze artikelen kunnen helpen:",
            "מאמרים אלה עשויים לעזור:",
            "Estes artigos podem ajudar:",
            "บทความเหล่านี้อาจช่วยได้:",
        ],
        ["assistant.nothing_found"] =
        [
            "I found no article about this. You can ask for an action on your device or open a ticket for a technician.",
            "Je n'ai trouvé aucun article à ce sujet. Vous pouvez demander une action sur votre appareil ou ouvrir un ticket pour un technicien.",
            "Dazu habe ich keinen Artikel gefunden. Sie können eine Aktion auf Ihrem Gerät anfordern oder ein Ticket für einen Techniker eröffnen.",
            "No encontré ningún artículo sobre esto. Puede solicitar una acción en su dispositivo o abrir un ticket para un técnico.",
            "Non ho trovato articoli su questo argomento. Puoi richiedere un'azione sul tuo dispositivo o aprire un ticket per un tecnico.",
            "Jeg fandt ingen artikel om dette. Du kan bede om en handling på din enhed eller oprette en sag til en tekniker.",
            "Ik heb hier geen artikel over gevonden. U kunt een actie op uw apparaat aanvragen of een ticket voor een technicus openen.",
            "לא מצאתי מאמר בנושא. באפשרותך לבקש פעולה במכשיר שלך או לפתוח פנייה לטכנאי.",
            "Não encontrei nenhum artigo sobre isto. Pode pedir uma ação no seu dispositivo ou abrir um ticket para um técnico.",
            "ไม่พบบทความเกี่ยวกับเรื่องนี้ คุณสามารถขอให้ดำเนินการบนอุปกรณ์ของคุณหรือเปิดทิกเก็ตถึงช่างเทคนิคได้",
        ],
        // The assistant's notes in the conversation (and on its ticket): {0} the action as SmsTexts.ActionName words it, {1} the device.
        ["assistant.note.requested"] =
        [
            "Requested {0} on {1}; waiting for the contact's SMS code.",
            "Action demandée : {0} sur {1} ; en attente du code SMS du contact.",
            "Aktion angefordert: {0} auf {1}; wartet auf den SMS-Code des Kontakts.",
            "Acción solicitada: {0} en {1}; a la espera del código SMS del contacto.",
            "Azione richiesta: {0} su {1}; in attesa del codice SMS del contatto.",
            "Handling anmodet: {0} på {1}; venter på kontaktens SMS-kode.",
            "Actie aangevraagd: {0} op {1}; wacht op de sms-code van het contact.",
            "התבקשה פעולה: {0} ב-{1}; ממתין לקוד ה-SMS של איש הקשר.",
            "Ação pedida: {0} em {1}; a aguardar o código SMS do contacto.",
            "ขอดำเนินการ: {0} บน {1} กำลังรอรหัส SMS ของผู้ติดต่อ",
        ],
        ["assistant.note.confirmed"] =
        [
            "Confirmed {0} on {1} with the SMS code; sent to the device.",
            "Confirmé avec le code SMS : {0} sur {1} ; envoyé à l'appareil.",
            "Mit dem SMS-Code bestätigt: {0} auf {1}; an das Gerät gesendet.",
            "Confirmado con el código SMS: {0} en {1}; enviado al dispositivo.",
            "Confermato con il codice SMS: {0} su {1}; inviato al dispositivo.",
            "Bekræftet med SMS-koden: {0} på {1}; sendt til enheden.",
            "Bevestigd met de sms-code: {0} op {1}; naar het apparaat verzonden.",
            "אושר בקוד ה-SMS: {0} ב-{1}; נשלח למכשיר.",
            "Confirmado com o código SMS: {0} em {1}; enviado para o dispositivo.",
            "ยืนยันด้วยรหัส SMS แล้ว: {0} บน {1} ส่งไปยังอุปกรณ์แล้ว",
        ],
        ["assistant.note.ticket_opened"] =
        [
            "Ticket {0} opened for a technician.",
            "Ticket {0} ouvert pour un technicien.",
            "Ticket {0} für einen Techniker eröffnet.",
            "Ticket {0} abierto para un técnico.",
            "Ticket {0} aperto per un tecnico.",
            "Sag {0} oprettet til en tekniker.",
            "Ticket {0} geopend voor een technicus.",
            "נפתחה פנייה {0} עבור טכנאי.",
            "Ticket {0} aberto para um técnico.",
            "เปิดทิกเก็ต {0} ถึงช่างเทคนิคแล้ว",
        ],
        ["status.open"] =
        [
            "Open",
            "Ouvert",
            "Offen",
            "Abierto",
            "Aperto",
            "Åben",
            "Open",
            "פתוח",
            "Aberto",
            "เปิด",
        ],
        ["status.pending"] =
        [
            "Pending",
            "En attente",
            "Ausstehend",
            "Pendiente",
            "In sospeso",
            "Afventer",
            "In afwachting",
            "ממתין",
            "Pendente",
            "รอดำเนินการ",
        ],
        ["status.resolved"] =
        [
            "Resolved",
            "Résolu",
            "Gelöst",
            "Resuelto",
            "Risolto",
            "Løst",
            "Opgelost",
            "נפתר",
            "Resolvido",
            "แก้ไขแล้ว",
        ],
        ["status.closed"] =
        [
            "Closed",
            "Fermé",
            "Geschlossen",
            "Cerrado",
            "Chiuso",
            "Lukket",
            "Gesloten",
            "סגור",
            "Fechado",
            "ปิดแล้ว",
        ],
        ["portal.ticketing_disabled"] =
        [
            "The ticketing section is not available for your company.",
            "La section tickets n'est pas disponible pour votre entreprise.",
            "Der Ticketbereich ist für Ihr Unternehmen nicht verfügbar.",
            "La sección de tickets no está disponible para su empresa.",
            "La sezione ticket non è disponibile per la vostra azienda.",
            "Sagsområdet er ikke tilgængeligt for din virksomhed.",
            "Het ticketgedeelte is niet beschikbaar voor uw bedrijf.",
            "אזור הפניות אינו זמין עבור החברה שלך.",
            "A secção de pedidos não está disponível para a sua empresa.",
            "ส่วนของทิกเก็ตไม่พร้อมใช้งานสำหรับบริษัทของคุณ",
        ],
        ["portal.manual_creation_disabled"] =
        [
            "Tickets cannot be opened manually; please use the assistant.",
            "Les tickets ne peuvent pas être ouverts manuellement ; utilisez l'assistant.",
            "Tickets können nicht manuell erstellt werden; bitte nutzen Sie den Assistenten.",
            "No se pueden abrir tickets manualmente; utilice el asistente.",
            "I ticket non possono essere aperti manualmente; utilizzate l'assistente.",
            "Sager kan ikke oprettes manuelt; brug venligst assistenten.",
            "Tickets kunnen niet handmatig worden aangemaakt; gebruik de assistent.",
            "לא ניתן לפתוח פניות באופן ידני; נא להשתמש בעוזר.",
            "Os pedidos não podem ser abertos manualmente; utilize o assistente.",
            "ไม่สามารถเปิดทิกเก็ตด้วยตนเองได้ โปรดใช้ผู้ช่วย",
        ],
        ["portal.status_not_allowed"] =
        [
            "This status cannot be chosen in the portal.",
            "Ce statut ne peut pas être choisi dans le portail.",
            "Dieser Status kann im Portal nicht gewählt werden.",
            "Este estado no se puede elegir en el portal.",
            "Questo stato non può essere scelto nel portale.",
            "Denne status kan ikke vælges i portalen.",
            "Deze status kan niet in het portaal worden gekozen.",
            "לא ניתן לבחור סטטוס זה בפורטל.",
            "Este estado não pode ser escolhido no portal.",
            "ไม่สามารถเลือกสถานะนี้ในพอร์ทัลได้",
        ],
        ["ticket.billed_locked"] =
        [
            "This ticket has been billed and can no longer be changed.",
            "Ce ticket a été facturé et ne peut plus être modifié.",
            "Dieses Ticket wurde abgerechnet und kann nicht mehr geändert werden.",
            "Este ticket ha sido facturado y ya no se puede modificar.",
            "Questo ticket è stato fatturato e non può più essere modificato.",
            "Denne sag er faktureret og kan ikke længere ændres.",
            "Dit ticket is gefactureerd en kan niet meer worden gewijzigd.",
            "פנייה זו חויבה ולא ניתן עוד לשנות אותה.",
            "Este pedido foi faturado e já não pode ser alterado.",
            "ทิกเก็ตนี้ถูกเรียกเก็บเงินแล้วและไม่สามารถเปลี่ยนแปลงได้อีก",
        ],
        ["ticket.reopen_forbidden"] =
        [
            "This ticket cannot be reopened.",
            "Ce ticket ne peut pas être rouvert.",
            "Dieses Ticket kann nicht wieder geöffnet werden.",
            "Este ticket no se puede reabrir.",
            "Questo ticket non può essere riaperto.",
            "Denne sag kan ikke genåbnes.",
            "Dit ticket kan niet worden heropend.",
            "לא ניתן לפתוח מחדש פנייה זו.",
            "Este pedido não pode ser reaberto.",
            "ไม่สามารถเปิดทิกเก็ตนี้ใหม่ได้",
        ],
        ["ticket.not_found"] =
        [
            "Ticket not found.",
            "Ticket introuvable.",
            "Ticket nicht gefunden.",
            "Ticket no encontrado.",
            "Ticket non trovato.",
            "Sagen blev ikke fundet.",
            "Ticket niet gevonden.",
            "הפנייה לא נמצאה.",
            "Pedido não encontrado.",
            "ไม่พบทิกเก็ต",
        ],
        ["portal.attachment_not_found"] =
        [
            "Attachment not found.",
            "Pièce jointe introuvable.",
            "Anhang nicht gefunden.",
            "Archivo adjunto no encontrado.",
            "Allegato non trovato.",
            "Vedhæftningen blev ikke fundet.",
            "Bijlage niet gevonden.",
            "הקובץ המצורף לא נמצא.",
            "Anexo não encontrado.",
            "ไม่พบไฟล์แนบ",
        ],
        ["request.invalid"] =
        [
            "The request is invalid.",
            "La requête n'est pas valide.",
            "Die Anfrage ist ungültig.",
            "La solicitud no es válida.",
            "La richiesta non è valida.",
            "Anmodningen er ugyldig.",
            "Het verzoek is ongeldig.",
            "הבקשה אינה תקינה.",
            "O pedido não é válido.",
            "คำขอไม่ถูกต้อง",
        ],
        ["concurrency.precondition_failed"] =
        [
            "The ticket has changed in the meantime.",
            "Le ticket a été modifié entre-temps.",
            "Das Ticket wurde inzwischen geändert.",
            "El ticket ha cambiado mientras tanto.",
            "Il ticket è stato modificato nel frattempo.",
            "Sagen er blevet ændret i mellemtiden.",
            "Het ticket is intussen gewijzigd.",
            "הפנייה שונתה בינתיים.",
            "O pedido foi alterado entretanto.",
            "ทิกเก็ตถูกเปลี่ยนแปลงในระหว่างนี้",
        ],
        ["sms.code_invalid"] =
        [
            "The code is not right.",
            "Le code n'est pas correct.",
            "Der Code ist nicht richtig.",
            "El código no es correcto.",
            "Il codice non è corretto.",
            "Koden er ikke korrekt.",
            "De code klopt niet.",
            "הקוד אינו נכון.",
            "O código não está correto.",
            "รหัสไม่ถูกต้อง",
        ],
        ["sms.code_expired"] =
        [
            "The code has expired; ask for a new one.",
            "Le code a expiré ; demandez-en un nouveau.",
            "Der Code ist abgelaufen; fordern Sie einen neuen an.",
            "El código ha caducado; solicite uno nuevo.",
            "Il codice è scaduto; richiedine uno nuovo.",
            "Koden er udløbet; bed om en ny.",
            "De code is verlopen; vraag een nieuwe aan.",
            "תוקף הקוד פג; יש לבקש קוד חדש.",
            "O código expirou; peça um novo.",
            "รหัสหมดอายุแล้ว โปรดขอรหัสใหม่",
        ],
        ["sms.code_used"] =
        [
            "This code was already used; ask for a new one.",
            "Ce code a déjà été utilisé ; demandez-en un nouveau.",
            "Dieser Code wurde bereits verwendet; fordern Sie einen neuen an.",
            "Este código ya se utilizó; solicite uno nuevo.",
            "Questo codice è già stato usato; richiedine uno nuovo.",
            "Denne kode er allerede brugt; bed om en ny.",
            "Deze code is al gebruikt; vraag een nieuwe aan.",
            "הקוד כבר שומש; יש לבקש קוד חדש.",
            "Este código já foi usado; peça um novo.",
            "รหัสนี้ถูกใช้แล้ว โปรดขอรหัสใหม่",
        ],
        ["sms.rate_limited"] =
        [
            "Too many codes were sent; try again later.",
            "Trop de codes ont été envoyés ; réessayez plus tard.",
            "Es wurden zu viele Codes gesendet; versuchen Sie es später erneut.",
            "Se enviaron demasiados códigos; inténtelo más tarde.",
            "Sono stati inviati troppi codici; riprova più tardi.",
            "Der er sendt for mange koder; prøv igen senere.",
            "Er zijn te veel codes verstuurd; probeer het later opnieuw.",
            "נשלחו יותר מדי קודים; נסו שוב מאוחר יותר.",
            "Foram enviados demasiados códigos; tente mais tarde.",
            "ส่งรหัสมากเกินไป โปรดลองอีกครั้งภายหลัง",
        ],
        ["sms.unavailable"] =
        [
            "SMS cannot be sent right now; try again later.",
            "Impossible d'envoyer des SMS pour le moment ; réessayez plus tard.",
            "SMS können gerade nicht gesendet werden; versuchen Sie es später erneut.",
            "No se pueden enviar SMS en este momento; inténtelo más tarde.",
            "Al momento non è possibile inviare SMS; riprova più tardi.",
            "SMS kan ikke sendes lige nu; prøv igen senere.",
            "Sms'en kunnen nu niet worden verstuurd; probeer het later opnieuw.",
            "לא ניתן לשלוח SMS כרגע; נסו שוב מאוחר יותר.",
            "Neste momento não é possível enviar SMS; tente mais tarde.",
            "ไม่สามารถส่ง SMS ได้ในขณะนี้ โปรดลองอีกครั้งภายหลัง",
        ],
        ["self_service.phone_not_verified"] =
        [
            "Register and confirm a phone number before asking for an action.",
            "Enregistrez et confirmez un numéro de téléphone avant de demander une action.",
            "Registrieren und bestätigen Sie eine Telefonnummer, bevor Sie eine Aktion anfordern.",
            "Registre y confirme un número de teléfono antes de solicitar una acción.",
            "Registra e conferma un numero di telefono prima di richiedere un'azione.",
            "Registrér og bekræft et telefonnummer, før du beder om en handling.",
            "Registreer en bevestig een telefoonnummer voordat u een actie aanvraagt.",
            "יש לרשום ולאשר מספר טלפון לפני בקשת פעולה.",
            "Registe e confirme um número de telefone antes de pedir uma ação.",
            "โปรดลงทะเบียนและยืนยันหมายเลขโทรศัพท์ก่อนขอการดำเนินการ",
        ],
        ["device.not_found"] =
        [
            "This device does not exist or is not assigned to you.",
            "Cet appareil n'existe pas ou ne vous est pas attribué.",
            "Dieses Gerät existiert nicht oder ist Ihnen nicht zugewiesen.",
            "Este dispositivo no existe o no está asignado a usted.",
            "Questo dispositivo non esiste o non è assegnato a te.",
            "Denne enhed findes ikke eller er ikke tildelt dig.",
            "Dit apparaat bestaat niet of is niet aan u toegewezen.",
            "המכשיר אינו קיים או שאינו מוקצה לך.",
            "Este dispositivo não existe ou não lhe está atribuído.",
            "ไม่มีอุปกรณ์นี้หรือไม่ได้มอบหมายให้คุณ",
        ],
        ["http.401"] =
        [
            "Please sign in.",
            "Veuillez vous connecter.",
            "Bitte melden Sie sich an.",
            "Inicie sesión.",
            "Effettuate l'accesso.",
            "Log venligst ind.",
            "Meld u aan.",
            "נא להתחבר.",
            "Inicie sessão.",
            "โปรดลงชื่อเข้าใช้",
        ],
        ["http.403"] =
        [
            "You are not allowed to do this.",
            "Vous n'êtes pas autorisé à faire cela.",
            "Das dürfen Sie nicht.",
            "No tiene permiso para hacer esto.",
            "Non siete autorizzati a farlo.",
            "Du har ikke tilladelse til dette.",
            "U mag dit niet doen.",
            "אין לך הרשאה לבצע פעולה זו.",
            "Não tem permissão para fazer isto.",
            "คุณไม่ได้รับอนุญาตให้ทำสิ่งนี้",
        ],
        ["http.404"] =
        [
            "Not found.",
            "Introuvable.",
            "Nicht gefunden.",
            "No encontrado.",
            "Non trovato.",
            "Ikke fundet.",
            "Niet gevonden.",
            "לא נמצא.",
            "Não encontrado.",
            "ไม่พบ",
        ],
        ["http.409"] =
        [
            "The ticket's state does not allow this.",
            "L'état du ticket ne le permet pas.",
            "Der Zustand des Tickets erlaubt das nicht.",
            "El estado del ticket no lo permite.",
            "Lo stato del ticket non lo consente.",
            "Sagens tilstand tillader ikke dette.",
            "De toestand van het ticket staat dit niet toe.",
            "מצב הפנייה אינו מאפשר זאת.",
            "O estado do pedido não o permite.",
            "สถานะของทิกเก็ตไม่อนุญาตให้ทำเช่นนี้",
        ],
        ["http.422"] =
        [
            "The request cannot be processed.",
            "La requête ne peut pas être traitée.",
            "Die Anfrage kann nicht verarbeitet werden.",
            "La solicitud no se puede procesar.",
            "La richiesta non può essere elaborata.",
            "Anmodningen kan ikke behandles.",
            "Het verzoek kan niet worden verwerkt.",
            "לא ניתן לעבד את הבקשה.",
            "O pedido não pode ser processado.",
            "ไม่สามารถดำเนินการตามคำขอได้",
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every key of the table (status names, refusal codes, HTTP statuses).</summary>
    public static IEnumerable<string> Keys => Table.Keys;

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (English when untranslated), or null.</summary>
    public static string? Find(string key, string language)
    {
        if (!Table.TryGetValue(key, out var texts))
        {
            return null;
        }

        var index = IndexOf(language);
        return texts[index < 0 ? 0 : index];
    }

    /// <summary><paramref name="key"/>'s text in <paramref name="language"/> with <paramref name="values"/> in its placeholders.</summary>
    public static string Format(string key, string language, params object?[] values) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Find(key, language) ?? key, values);

    /// <summary>A built-in status's name in <paramref name="language"/>; custom statuses keep their configured name.</summary>
    public static string StatusName(string statusId, string configuredName, string language) =>
        Find($"status.{statusId}", language) ?? configuredName;

    /// <summary>A problem title for <paramref name="code"/>, else for the HTTP status, else null (keep the original).</summary>
    public static string? ProblemTitle(string? code, int status, string language) =>
        (code is null ? null : Find(code, language)) ?? Find($"http.{status}", language);

    /// <summary>
    /// P10: the contact's own language when it has portal texts, else the first such language of the client's
    /// preferences (<c>Accept-Language</c>, best first), else English.
    /// </summary>
    public static string Choose(string? contactLanguage, IEnumerable<string> acceptLanguages)
    {
        if (contactLanguage is not null && IndexOf(contactLanguage) >= 0)
        {
            return contactLanguage;
        }

        foreach (var tag in acceptLanguages)
        {
            var primary = tag.Split('-')[0].ToLowerInvariant();
            if (IndexOf(primary) >= 0)
            {
                return primary;
            }
        }

        return "en";
    }

    private static int IndexOf(string language)
    {
        for (var i = 0; i < Languages.Count; i++)
        {
            if (string.Equals(Languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

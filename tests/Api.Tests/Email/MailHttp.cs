using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Application.Email;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Email;

/// <summary>A mail in the pickup folder: its id (the file name), kind and recipient, and the message itself.</summary>
public sealed record PickedUpMail(Guid MailId, string Kind, string To, string Path, MimeMessage Message);

/// <summary>
/// Reading sent mail from the pickup folder (the transport without SMTP). Mail is a Wolverine message (<see cref="SendMail"/>)
/// sent by a durable local queue after the change that caused it commits (ADR 0017): a test tracks the step that
/// causes it (<see cref="TrackedMessaging"/>) and reads what that session sent (<see cref="SentMailAsync"/>). The
/// polling waits below remain for the waits a tracked session does not cover (a retry scheduled after a back-off) and
/// for tests not yet moved to tracking.
/// </summary>
public static partial class MailHttp
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static string PickupFolder(this ApiFactory api) => System.IO.Path.Combine(api.DataFolder, "mail-pickup");

    /// <summary>The mails in the pickup folder to <paramref name="recipient"/> (of <paramref name="kind"/>), oldest first.</summary>
    public static List<PickedUpMail> PickedUpMails(this ApiFactory api, string recipient, string? kind = null)
    {
        var folder = api.PickupFolder();
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var mails = new List<(PickedUpMail Mail, DateTime Written)>();
        foreach (var path in Directory.GetFiles(folder, "*.eml"))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (IOException)
            {
                continue; // replaced by a re-send while we read it
            }

            var to = message.To.Mailboxes.Single().Address;
            var mailKind = message.Headers[MailComposer.KindHeader] ?? "";
            if (string.Equals(to, recipient, StringComparison.OrdinalIgnoreCase) && (kind is null || mailKind == kind))
            {
                mails.Add((new PickedUpMail(Guid.Parse(System.IO.Path.GetFileNameWithoutExtension(path)), mailKind, to, path, message), File.GetLastWriteTimeUtc(path)));
            }
        }

        return [.. mails.OrderBy(m => m.Mail.Message.Date).ThenBy(m => m.Written).Select(m => m.Mail)];
    }

    /// <summary>The mails the tracked session sent (their <see cref="SendMail"/> handled successfully) to <paramref name="recipient"/>, of <paramref name="kind"/> if given.</summary>
    public static IReadOnlyList<SendMail> MailsSent(this ITrackedSession session, string recipient, string? kind = null) =>
        [.. session.Handled<SendMail>().Where(m => string.Equals(m.Recipient, recipient, StringComparison.OrdinalIgnoreCase) && (kind is null || m.Kind == kind))];

    /// <summary>The one <paramref name="kind"/> mail the tracked session sent to <paramref name="recipient"/> (no more), read from its pickup file.</summary>
    public static async Task<MimeMessage> SentMailAsync(this ApiFactory api, ITrackedSession session, string recipient, string kind)
    {
        var mail = session.MailsSent(recipient, kind).ShouldHaveSingleItem($"one {kind} mail to {recipient} sent in the tracked step");
        return await api.PickedUpAsync(mail.MailId);
    }

    /// <summary>Asks for a reset code for <paramref name="login"/> (<c>POST /api/auth/forgot-password</c>) and returns the code its mail to <paramref name="email"/> carries.</summary>
    public static async Task<string> RequestResetCodeAsync(this ApiFactory api, string login, string email)
    {
        var (_, session) = await api.TrackedScenarioAsync(s =>
        {
            s.Post.Json(new { login }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        var code = ResetCode().Match((await api.SentMailAsync(session, email, "password_reset")).TextBody!).Value;
        code.ShouldNotBeNullOrEmpty();
        return code;
    }

    /// <summary>
    /// Waits until Wolverine has nothing left to do: no message queued, scheduled or in progress (a notice cascades
    /// its mails before it is marked handled, so there is no gap in between).
    /// </summary>
    public static async Task MailSettledAsync(this ApiFactory api)
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        while (quiet < 2)
        {
            var busy = await api.ScalarAsync<long>("select count(*) from wolverine_incoming_envelopes where status <> 'Handled'");
            quiet = busy == 0 ? quiet + 1 : 0;
            clock.Elapsed.ShouldBeLessThan(Patience, $"{busy} messages still pending");
            await Task.Delay(50);
        }
    }

    /// <summary>The mails sent to the recipient once nothing is pending any more (none queued, none in flight).</summary>
    public static async Task<List<PickedUpMail>> MailsAsync(this ApiFactory api, string recipient, string? kind = null)
    {
        await api.MailSettledAsync();
        return api.PickedUpMails(recipient, kind);
    }

    /// <summary>Waits until <paramref name="count"/> mails of the kind reached the recipient (and no more); their ids, oldest first.</summary>
    public static async Task<List<Guid>> SentMailsAsync(this ApiFactory api, string recipient, string kind, int count = 1)
    {
        var clock = Stopwatch.StartNew();
        while (api.PickedUpMails(recipient, kind).Count < count && clock.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        var mails = await api.MailsAsync(recipient, kind);
        mails.Count.ShouldBe(count, $"{kind} mails to {recipient} within {Patience}");
        return [.. mails.Select(m => m.MailId)];
    }

    public static string MailFile(this ApiFactory api, Guid mailId) =>
        System.IO.Path.Combine(api.PickupFolder(), PickupFolderTransport.FileName(mailId));

    public static async Task<MimeMessage> PickedUpAsync(this ApiFactory api, Guid mailId)
    {
        File.Exists(api.MailFile(mailId)).ShouldBeTrue($"pickup file of mail {mailId}");
        await using var stream = File.OpenRead(api.MailFile(mailId));
        return await MimeMessage.LoadAsync(stream);
    }

    /// <summary>All pickup files of one mail (a re-send must replace, never add).</summary>
    public static string[] FilesOf(this ApiFactory api, Guid mailId) =>
        Directory.Exists(api.PickupFolder()) ? Directory.GetFiles(api.PickupFolder(), $"*{mailId:N}*") : [];

    [GeneratedRegex(@"\b\d{8}\b")]
    internal static partial Regex ResetCode();
}

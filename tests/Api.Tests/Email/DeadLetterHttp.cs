using System.Diagnostics;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Email;

/// <summary>A dead letter as <c>GET /api/admin/dead-letters</c> lists it.</summary>
public sealed record DeadLetterItem(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, bool Replayable, string? MailKind, string? Recipient);

public sealed record DeadLetterPageBody(int Total, int Page, int PageSize, List<DeadLetterItem> Items);

/// <summary>The admin's dead-letter API as Alba scenarios (ADR 0017).</summary>
public static class DeadLetters
{
    public static async Task<DeadLetterPageBody> ListAsync(IdentityApiFactory api, int page = 0, int pageSize = 200)
    {
        var admin = await api.SignInAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        return await admin.GetAsync<DeadLetterPageBody>($"/api/admin/dead-letters?page={page}&pageSize={pageSize}");
    }

    /// <summary>Waits for the dead-lettered password-reset mail to <paramref name="recipient"/>.</summary>
    public static async Task<DeadLetterItem> OfAsync(IdentityApiFactory api, string recipient, string kind = "password_reset")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var letter = (await ListAsync(api)).Items.SingleOrDefault(l => l.Recipient == recipient && l.MailKind == kind);
            if (letter is not null)
            {
                return letter;
            }

            clock.Elapsed.ShouldBeLessThan(MailHttp.Patience, $"a dead letter for the {kind} mail to {recipient}");
            await Task.Delay(100);
        }
    }

    public static async Task ReplayAsync(IdentityApiFactory api, Guid id)
    {
        var admin = await api.SignInAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        await admin.Scenario(s =>
        {
            s.Post.Url($"/api/admin/dead-letters/{id}/replay");
            s.StatusCodeShouldBe(202);
        });
    }
}

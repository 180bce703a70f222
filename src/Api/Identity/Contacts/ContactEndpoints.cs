using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Application.Identity.Contacts;
using Wolverine;

namespace Ticketing.Api.Identity.Contacts;

/// <summary>Contacts by id, for technicians and administrators (creation and listing hang under the customer).</summary>
public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder routes)
    {
        var contacts = routes.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Technician);
        contacts.MapGet("/{id:guid}", ContactQueries.GetAsync);
        contacts.MapPut("/{id:guid}", UpdateAsync).Validate<ContactRequest>();
        contacts.MapPost("/{id:guid}/password", RegeneratePasswordAsync);
        contacts.MapPost("/{id:guid}/erase", EraseAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Erases the contact's personal data (GDPR): what they wrote reads as erased everywhere; the history and its hash chain stay")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <summary><c>PUT /api/contacts/{id}</c>: a technician edits a contact's profile and primary flag.</summary>
    private static async Task<Ok<ContactResponse>> UpdateAsync(
        Guid id, ContactRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var contact = await bus.InvokeAsync<ContactResponse>(
            new UpdateContact(
                id, request.FirstName, request.LastName, request.JobTitle, request.Email, request.Phone, request.Language,
                request.TimeZone, request.IsPrimary!.Value, http.Request.Headers.IfMatch.ToString(), AuditActor.Of(user.GetCurrentUser())),
            ct);
        http.Response.Headers.ETag = EntityVersions.ETag(contact.Version);
        return TypedResults.Ok(contact);
    }

    /// <summary>
    /// <c>POST /api/contacts/{id}/password</c>: a technician replaces a contact's password with a generated one,
    /// returned once. The contact's sessions are revoked and a lockout is lifted.
    /// </summary>
    private static async Task<Ok<ContactCredentials>> RegeneratePasswordAsync(Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(await bus.InvokeAsync<ContactCredentials>(new RegenerateContactPassword(id, AuditActor.Of(user.GetCurrentUser())), ct));

    /// <summary><c>POST /api/contacts/{id}/erase</c> (administrators): erasure by key destruction (ADR 0027).</summary>
    private static async Task<NoContent> EraseAsync(Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new EraseContact(id, AuditActor.Of(user.GetCurrentUser())), ct);
        return TypedResults.NoContent();
    }
}

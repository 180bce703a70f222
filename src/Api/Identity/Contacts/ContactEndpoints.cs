using Ticketing.Api.Hosting.Validation;

namespace Ticketing.Api.Identity.Contacts;

/// <summary>Contacts by id, for technicians and administrators (creation and listing hang under the customer).</summary>
public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder routes)
    {
        var contacts = routes.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Technician);
        contacts.MapGet("/{id:guid}", ContactQueries.GetAsync);
        contacts.MapPut("/{id:guid}", UpdateContact.HandleAsync).Validate<ContactRequest>();
        contacts.MapPost("/{id:guid}/password", RegenerateContactPassword.HandleAsync);
        return routes;
    }
}

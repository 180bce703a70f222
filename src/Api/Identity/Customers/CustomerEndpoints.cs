using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity.Contacts;
using Ticketing.Application.Identity.Contacts;
using Ticketing.Application.Identity.Customers;
using Wolverine;

namespace Ticketing.Api.Identity.Customers;

/// <summary>Customers and their contacts, for technicians and administrators.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.Technician);
        customers.MapPost("/", CreateAsync).Validate<CustomerRequest>();
        customers.MapGet("/", CustomerQueries.ListAsync);
        customers.MapGet("/{id:guid}", CustomerQueries.GetAsync);
        customers.MapPut("/{id:guid}", UpdateAsync).Validate<CustomerRequest>();
        customers.MapPost("/{id:guid}/contacts", CreateContactAsync).Validate<ContactRequest>();
        customers.MapGet("/{id:guid}/contacts", ContactQueries.ListByCustomerAsync);
        return routes;
    }

    /// <summary><c>POST /api/customers</c>: a new customer, audited in the same transaction.</summary>
    private static async Task<Created<CustomerResponse>> CreateAsync(
        CustomerRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var customer = await bus.InvokeAsync<CustomerResponse>(
            new CreateCustomer(
                request.Name.Trim(), request.NormalisedDomains(), request.TimeZone, request.TicketingPortalEnabled,
                request.KnowledgeBaseEnabled, AuditActor.Of(user.GetCurrentUser())),
            ct);
        return TypedResults.Created($"/api/customers/{customer.Id}", customer);
    }

    /// <summary><c>PUT /api/customers/{id}</c>: replaces the customer's fields; <c>If-Match</c> (optional) guards lost updates.</summary>
    private static async Task<Ok<CustomerResponse>> UpdateAsync(
        Guid id, CustomerRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var customer = await bus.InvokeAsync<CustomerResponse>(
            new UpdateCustomer(
                id, request.Name.Trim(), request.NormalisedDomains(), request.TimeZone, request.TicketingPortalEnabled,
                request.KnowledgeBaseEnabled, http.Request.Headers.IfMatch.ToString(), AuditActor.Of(user.GetCurrentUser())),
            ct);
        http.Response.Headers.ETag = EntityVersions.ETag(customer.Version);
        return TypedResults.Ok(customer);
    }

    /// <summary>
    /// <c>POST /api/customers/{id}/contacts</c>: creates the contact with a generated username and password (P1). The
    /// password is in this response only; it is stored hashed and never logged.
    /// </summary>
    private static async Task<Created<ContactCreatedResponse>> CreateContactAsync(
        Guid id, ContactRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var created = await bus.InvokeAsync<ContactCreatedResponse>(
            new CreateContact(
                id, request.Email, request.FirstName, request.LastName, request.JobTitle, request.Phone, request.Language,
                request.TimeZone, request.IsPrimary!.Value, ContactSource.Staff, AuditActor.Of(user.GetCurrentUser())),
            ct);
        return TypedResults.Created($"/api/contacts/{created.Contact.Id}", created);
    }
}

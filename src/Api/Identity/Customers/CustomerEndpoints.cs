using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity.Contacts;

namespace Ticketing.Api.Identity.Customers;

/// <summary>Customers and their contacts, for technicians and administrators.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.Technician);
        customers.MapPost("/", CreateCustomer.HandleAsync).Validate<CustomerRequest>();
        customers.MapGet("/", CustomerQueries.ListAsync);
        customers.MapGet("/{id:guid}", CustomerQueries.GetAsync);
        customers.MapPut("/{id:guid}", UpdateCustomer.HandleAsync).Validate<CustomerRequest>();
        customers.MapPost("/{id:guid}/contacts", CreateContact.HandleAsync).Validate<ContactRequest>();
        customers.MapGet("/{id:guid}/contacts", ContactQueries.ListByCustomerAsync);
        return routes;
    }
}

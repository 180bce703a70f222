using Ticketing.Api.Identity.Auth;
using Ticketing.Api.Identity.Contacts;
using Ticketing.Api.Identity.Customers;
using Ticketing.Api.Identity.Me;
using Ticketing.Api.Identity.Staff;

namespace Ticketing.Api.Identity;

/// <summary>Maps every identity endpoint: auth, me, customers, contacts, admin users.</summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder routes) => routes
        .MapAuthEndpoints()
        .MapMeEndpoints()
        .MapCustomerEndpoints()
        .MapContactEndpoints()
        .MapStaffUserEndpoints();
}

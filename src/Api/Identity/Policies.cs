using Microsoft.AspNetCore.Authorization;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity;

/// <summary>Authorization policy names, for <c>.RequireAuthorization(Policies.X)</c> on endpoint groups.</summary>
public static class Policies
{
    /// <summary>Administrators only.</summary>
    public const string Admin = "role:admin";

    /// <summary>Technicians and administrators: tickets, customers, contacts.</summary>
    public const string Technician = "role:technician";

    /// <summary>Auditors and administrators: read-only history.</summary>
    public const string Auditor = "role:auditor";

    /// <summary>A customer's contact (the portal).</summary>
    public const string Contact = "role:contact";

    /// <summary>A customer's own IT person (co-managed Taskfire copies).</summary>
    public const string Taskfire = "role:taskfire";

    /// <summary>Anyone of the MSP: administrators, technicians, auditors.</summary>
    public const string Staff = "role:staff";

    internal static void Register(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Technician, p => p.RequireRole(Roles.Technician, Roles.Admin))
        .AddPolicy(Auditor, p => p.RequireRole(Roles.Auditor, Roles.Admin))
        .AddPolicy(Contact, p => p.RequireRole(Roles.Contact))
        .AddPolicy(Taskfire, p => p.RequireRole(Roles.Taskfire))
        .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Technician, Roles.Auditor));
}

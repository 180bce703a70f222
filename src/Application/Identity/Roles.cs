namespace Ticketing.Application.Identity;

/// <summary>The role names carried in the <c>role</c> claim and stored in <c>users.role</c>.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Technician = "technician";
    public const string Auditor = "auditor";
    public const string Taskfire = "taskfire";
    public const string Contact = "contact";

    /// <summary>Roles an administrator may give through <c>/api/admin/users</c> (contacts are created under a customer).</summary>
    public static IReadOnlyList<string> Staff { get; } = [Admin, Technician, Auditor, Taskfire];

    /// <summary>Roles tied to one customer: their claims carry the customer id.</summary>
    public static bool BelongsToCustomer(string role) => role is Taskfire or Contact;
}

namespace Ticketing.Application.Identity;

/// <summary>The signed-in caller, read from the access token's claims.</summary>
public sealed record CurrentUser(Guid UserId, string Role, Guid? CustomerId, Guid SessionId)
{
    public bool IsStaff => Role is Roles.Admin or Roles.Technician or Roles.Auditor;
}

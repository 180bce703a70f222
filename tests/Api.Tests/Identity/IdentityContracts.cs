namespace Ticketing.Api.Tests.Identity;

// The identity API's bodies as a client sees them on the wire, written here rather than borrowed from the server so
// the tests prove the contract. Read with ApiUserScenarios.ReadAs: every member listed must be present.

/// <summary>The answer of <c>POST /api/auth/login</c> and <c>POST /api/auth/refresh</c>.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary><c>GET /api/me</c> and <c>/api/portal/me</c>: job title, phone and primary flag are null for staff.</summary>
public sealed record ProfileBody(
    Guid Id, string Role, Guid? CustomerId, string Username, string FirstName, string LastName, string? JobTitle, string Email,
    string? Phone, string Language, string TimeZone, bool? IsPrimary);

public sealed record CustomerBody(
    Guid Id, string Name, IReadOnlyList<string> EmailDomains, string TimeZone, bool TicketingPortalEnabled, bool KnowledgeBaseEnabled,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ContactBody(
    Guid Id, Guid CustomerId, string Username, string FirstName, string LastName, string? JobTitle, string Email, string? Phone,
    string Language, string TimeZone, bool IsPrimary, DateTimeOffset? LockedUntil, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Credentials appear once: in the answer that created or regenerated them.</summary>
public sealed record CredentialsBody(string Username, string Password);

public sealed record ContactCreatedBody(ContactBody Contact, CredentialsBody Credentials);

public sealed record StaffUserBody(
    Guid Id, string Role, Guid? CustomerId, string Username, string Email, string FirstName, string LastName, string Language,
    string TimeZone, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt = null);

public sealed record StaffUserCreatedBody(StaffUserBody User, string Username, string Password);

/// <summary>A keyset page: <see cref="Next"/> is the cursor of the following page, null on the last one.</summary>
public sealed record PageBody<T>(IReadOnlyList<T> Items, string? Next);

namespace Ticketing.Domain.Tickets;

/// <summary>
/// The portal's "ticket cannot be reopened" setting (T5), stated positively: when
/// <paramref name="PortalCanReopen"/> is false a portal user cannot bring a resolved or closed ticket back.
/// </summary>
public sealed record ReopenPolicy(bool PortalCanReopen)
{
    public static readonly ReopenPolicy Allowed = new(true);
    public static readonly ReopenPolicy Forbidden = new(false);
}

/// <summary>The MSP's configuration that ticket decisions depend on, loaded by the caller and passed in.</summary>
public sealed record TicketPolicies(StatusCatalogue Statuses, ReopenPolicy Reopen)
{
    public static readonly TicketPolicies Default = new(StatusCatalogue.BuiltInOnly, ReopenPolicy.Allowed);
}

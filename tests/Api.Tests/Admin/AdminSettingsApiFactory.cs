using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>The ticket host (Zurich time, custom status <c>waiting-customer</c> in configuration); it maps the admin settings API.</summary>
public sealed class AdminSettingsApiFactory : TicketApiFactory;

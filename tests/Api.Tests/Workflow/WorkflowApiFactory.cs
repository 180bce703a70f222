using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

/// <summary>The ticket host; the workflow rules' admin API is part of it.</summary>
public sealed class WorkflowApiFactory : TicketApiFactory;

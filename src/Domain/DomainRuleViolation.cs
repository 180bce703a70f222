namespace Ticketing.Domain;

/// <summary>
/// Raised by a pure decision when a business rule refuses a command. <see cref="Code"/> is stable
/// (for example <c>ticket.billed_locked</c>) and is what clients and tests match on.
/// </summary>
public sealed class DomainRuleViolation(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

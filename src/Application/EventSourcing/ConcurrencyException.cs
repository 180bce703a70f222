namespace Ticketing.Application.EventSourcing;

/// <summary>
/// A stream was not at the version a command decided on: someone else appended (or created it) first. Raised from
/// Marten's own conflict exceptions, so callers see one type; the command path reloads and decides again, or reports
/// 409/412.
/// </summary>
public sealed class ConcurrencyException(string message, Exception? inner = null) : Exception(message, inner);

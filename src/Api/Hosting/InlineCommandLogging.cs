using System.Reflection;
using Ticketing.Application.Tickets;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Wolverine logs every failed inline invocation at Error, under the message type's name, with the whole message
/// (<c>"Invocation of {Message} failed!"</c>). For the commands the API invokes that is wrong twice over: a rule
/// violation, a 404 or a stale If-Match is an answer, not an error, and a message's printed form may carry what the
/// caller sent (a password). The API's exception handler already logs what is unexpected (every 5xx, with its
/// exception). So these categories are not logged at all (Wolverine writes nothing else under them but Debug and
/// Information lines of each message handled). The messages delivered from
/// durable queues (mail, notices) have their handlers in the API assembly and keep Wolverine's error logging.
/// </summary>
public static class InlineCommandLogging
{
    private static readonly Lazy<HashSet<string>> Commands = new(() =>
        [.. typeof(TicketWrites).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Handler", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name is "Handle" or "HandleAsync" && m.GetParameters().Length > 0)
            .Select(m => m.GetParameters()[0].ParameterType.FullName!)]);

    public static ILoggingBuilder WithoutInlineCommandErrors(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        // Nothing else logs under a message type's name (Wolverine's per-message start/success lines are Debug/Info).
        foreach (var category in Commands.Value)
        {
            logging.AddFilter(category, LogLevel.None);
        }

        return logging;
    }

    /// <summary>The message types whose failures this filter hides (for tests).</summary>
    public static IReadOnlySet<string> Categories => Commands.Value;
}

using System.Diagnostics;
using Ticketing.Api.Identity;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>Turns the authenticated caller into the domain's <see cref="Actor"/> and a command context.</summary>
public static class RequestActor
{
    public static CommandContext CommandContext(this HttpContext http)
    {
        var user = http.User.GetCurrentUser();
        var kind = user.Role switch
        {
            "admin" => ActorKind.Admin,
            "technician" => ActorKind.Technician,
            "contact" => ActorKind.Contact,
            "taskfire" => ActorKind.Taskfire,
            var role => throw new InvalidOperationException($"Role '{role}' cannot issue ticket commands."),
        };
        return new CommandContext(new Actor(user.UserId, kind), null, CorrelationId());
    }

    // The W3C trace id ties the events of one request to its logs; a client-supplied id is not trusted.
    private static Guid CorrelationId()
    {
        var traceId = Activity.Current?.TraceId.ToHexString();
        return traceId is { Length: 32 } && Guid.TryParseExact(traceId, "N", out var guid) ? guid : Guid.CreateVersion7();
    }
}

using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Application.Audit;
using Ticketing.Application.Devices;
using Ticketing.Application.Devices.Agents;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Devices.Agents;

/// <summary><c>POST /api/agent/enrol</c>: the customer's enrolment key and what the agent knows of its machine.</summary>
public sealed record EnrolRequest(string EnrolmentKey, string AgentId, string Name, DeviceOs? Os);

/// <summary><c>POST /api/agent/actions/{id}/outcome</c>: how the action ended, and for a password reset the temporary password to text the contact.</summary>
public sealed record OutcomeRequest(string Status, string? Detail, string? TemporaryPassword);

/// <summary>An action waiting for the agent; <see cref="Package"/> is the package id to install (Chocolatey or Homebrew).</summary>
public sealed record AgentAction(Guid Id, DeviceActionKind Kind, string? Package, DateTimeOffset RequestedAt);

public sealed record AgentActions(IReadOnlyList<AgentAction> Actions);

public sealed class EnrolRequestValidator : AbstractValidator<EnrolRequest>
{
    public EnrolRequestValidator()
    {
        RuleFor(r => r.EnrolmentKey).NotEmpty().MaximumLength(100);
        RuleFor(r => r.AgentId).NotEmpty().MaximumLength(DeviceLimits.AgentId);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(DeviceLimits.Name);
        RuleFor(r => r.Os).NotNull().IsInEnum();
    }
}

public sealed class OutcomeRequestValidator : AbstractValidator<OutcomeRequest>
{
    public OutcomeRequestValidator()
    {
        RuleFor(r => r.Status).Must(s => s is "completed" or "failed").WithMessage("The status is 'completed' or 'failed'.");
        RuleFor(r => r.Detail).MaximumLength(2000);
        RuleFor(r => r.TemporaryPassword).MaximumLength(100);
    }
}

/// <summary>
/// The HTTP contract of device agents (ADR 0030): enrol with the customer's key, then, with the device credential,
/// long-poll for actions and report each one's outcome. Also the technicians' enrolment-key route.
/// </summary>
public static class AgentEndpoints
{
    /// <summary>The longest a poll may wait; proxies commonly cut idle requests at 60 s.</summary>
    public const int MaxWaitSeconds = 50;

    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/customers/{id:guid}/agent-enrolment-key", RotateKeyAsync)
            .WithTags("Devices").RequireAuthorization(Policies.Technician);

        var agent = routes.MapGroup("/api/agent").WithTags("Agent");
        agent.MapPost("/enrol", EnrolAsync).Validate<EnrolRequest>().AllowAnonymous()
            .WithSummary("Agent: enrol with the customer's enrolment key; answers the device id and its credential (shown once)")
            .WithDescription("The credential authenticates every other agent call as `Authorization: Device <credential>`. "
                + "Enrolling again with the same agentId replaces the device's credential. A wrong key is 403 device.enrolment_key_invalid.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        var device = agent.MapGroup("/").RequireAuthorization(AgentAuthenticationHandler.Policy);
        device.MapGet("/actions", PollAsync)
            .WithSummary($"Agent: the actions waiting for this device; ?wait=0..{MaxWaitSeconds} holds the answer until one is dispatched")
            .WithDescription("Authorization: Device <credential>. An action stays listed until its outcome is reported; act once per action id. "
                + "Each poll updates the device's last-seen time.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        device.MapPost("/actions/{id:guid}/outcome", ReportAsync).Validate<OutcomeRequest>()
            .WithSummary("Agent: report an action's outcome (status completed or failed, detail)")
            .WithDescription("Authorization: Device <credential>. A completed ResetPassword carries temporaryPassword, the password the agent set: "
                + "it is texted to the contact and stored nowhere. A second report is 409 device.action_not_pending.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <summary>Creates or rotates the customer's enrolment key; the key is in this answer only.</summary>
    private static async Task<Created<EnrolmentKeyIssued>> RotateKeyAsync(Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Created($"/api/customers/{id}", await bus.InvokeAsync<EnrolmentKeyIssued>(new RotateEnrolmentKey(id, AuditActor.Of(user.GetCurrentUser())), ct));

    /// <summary>Gives the agent its device credential (shown once); enrolling again replaces it.</summary>
    private static async Task<Created<AgentEnrolled>> EnrolAsync(EnrolRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var enrolled = await bus.InvokeAsync<AgentEnrolled>(
            new EnrolAgent(request.EnrolmentKey, request.AgentId.Trim(), request.Name.Trim(), request.Os!.Value, From(http)), ct);
        return TypedResults.Created("/api/agent/actions", enrolled);
    }

    /// <summary>
    /// The actions waiting for this device; with <c>wait</c> (seconds, at most <see cref="MaxWaitSeconds"/>) the answer
    /// is held until one is dispatched or the time is up. An action stays listed until its outcome is reported, so an
    /// agent that lost an answer gets it again (it acts once per action id).
    /// </summary>
    private static async Task<Ok<AgentActions>> PollAsync(
        int? wait, ClaimsPrincipal user, NpgsqlDataSource dataSource, AgentSignals signals, TimeProvider clock, CancellationToken ct)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("wait", $"The wait is 0 to {MaxWaitSeconds} seconds.")]);
        }

        var deviceId = AgentAuthenticationHandler.DeviceOf(user);
        await AgentQueries.SeenAsync(dataSource, deviceId, clock.GetUtcNow(), ct);
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(wait ?? 0);
        while (true)
        {
            var actions = await AgentQueries.PendingAsync(dataSource, deviceId, ct);
            var left = until - clock.GetUtcNow();
            if (actions.Count > 0 || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new AgentActions(actions));
            }

            await signals.WaitAsync(deviceId, left < AgentSignals.Recheck ? left : AgentSignals.Recheck, ct);
        }
    }

    private static async Task<NoContent> ReportAsync(
        Guid id, OutcomeRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync<DeviceWritten>(new ReportActionOutcome(
            AgentAuthenticationHandler.DeviceOf(user), id, request.Status == "completed", request.Detail,
            request.TemporaryPassword is { Length: > 0 } password ? new OneTimeSecret(password) : null, From(http)), ct);
        return TypedResults.NoContent();
    }

    internal static string? From(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}

/// <summary>Device action kinds as the read model stores them (snake_case).</summary>
public static class DeviceActionKinds
{
    public static DeviceActionKind Parse(string stored) => Enum.Parse<DeviceActionKind>(stored.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}

using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Hosting;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Telemetry;
using Ticketing.Domain;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Api.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details. Every problem carries a <c>type</c>
/// URI and a stable <c>code</c> extension; unexpected exceptions are logged and answered 500 without details.
/// A database that is down or unreachable answers 503 with <c>Retry-After</c> (ADR 0010).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, TicketingDatabase database, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait after a 503: about one restart of a local PostgreSQL.</summary>
    public const int RetryAfterSeconds = 5;

    public const string DatabaseUnavailableCode = "service.database_unavailable";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == 503)
        {
            logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Idle pooled connections opened before the outage are dead; without this each would fail one more request
            // after the server is back.
            database.DataSource.Clear();
        }
        else if (problem.Extensions.TryGetValue("code", out var code) && code is string c && c.StartsWith("concurrency.", StringComparison.Ordinal))
        {
            TicketingMetrics.CommandConflicts.Add(1, new KeyValuePair<string, object?>("code", c));
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException validation => Validation(validation),
        DomainRuleViolation rule => Problem(RuleStatus.For(rule.Code), rule.Code, "The request breaks a business rule.", rule.Message),
        NotFoundException notFound => Problem(404, notFound.Code, "Not found.", notFound.Message),
        ForbiddenException forbidden => Problem(403, forbidden.Code, "Forbidden.", forbidden.Message),
        ConflictException conflict => WithDetails(Problem(409, conflict.Code, "The change conflicts with data that uses the current value.", conflict.Message), conflict.Details),
        BadRequestException bad => Problem(400, bad.Code, "The request is invalid.", bad.Message),
        UnprocessableException unprocessable => Problem(422, unprocessable.Code, "The request cannot be processed.", unprocessable.Message),
        Ticketing.Application.Sms.RateLimitedException limited => Problem(429, limited.Code, "Too many requests.", limited.Message),
        Ticketing.Application.Sms.SmsUnavailableException => Problem(503, "sms.unavailable", "The SMS provider is unavailable.", null),
        // Ours, or Marten's own once Wolverine's retries of a handler are spent (the stream kept moving, or its id was taken).
        ConcurrencyException or JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
            or JasperFx.Events.ExistingStreamIdCollisionException =>
            Problem(409, "concurrency.conflict", "The resource was changed concurrently.", "Reload it and try again."),
        PreconditionFailedException stale => Problem(412, "concurrency.precondition_failed", "The resource has changed.", stale.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, "request.malformed", "The request is malformed.", bad.Message),
        // System.Text.Json checks UTF-8 only when a string is read: a bound JsonElement holding bad bytes throws here.
        InvalidOperationException { InnerException: DecoderFallbackException } =>
            Problem(400, "request.malformed", "The request is malformed.", "The body is not valid UTF-8."),
        _ when DatabaseFailures.IsUnavailable(exception) =>
            Problem(503, DatabaseUnavailableCode, "The database is unavailable.", "Try again shortly."),
        _ => Problem(500, "server.error", "An unexpected error occurred.", null),
    };

    private static ValidationProblemDetails Validation(ValidationException validation)
    {
        var errors = validation.Errors
            .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "request" : JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var problem = new ValidationProblemDetails(errors)
        {
            Status = 400,
            Title = "The request is invalid.",
            Type = ProblemTypes.For("request.invalid"),
        };
        problem.Extensions["code"] = "request.invalid";
        return problem;
    }

    // C# property paths become the JSON names clients sent (Title → title); header names stay as they are.
    private static string JsonName(string property) => property.Contains('-', StringComparison.Ordinal)
        ? property
        : string.Join('.', property.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static ProblemDetails WithDetails(ProblemDetails problem, IReadOnlyDictionary<string, object?> details)
    {
        foreach (var (key, value) in details)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails Problem(int status, string code, string title, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemTypes.For(code) };
        problem.Extensions["code"] = code;
        return problem;
    }
}

using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Application.Sms;
using Ticketing.Domain;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// What every signed-in portal page shares: the <see cref="PortalContext"/> of the request (resolved by the API's own
/// <see cref="PortalContexts"/>) and a refusal of the API code, shown on the page in the contact's language.
/// </summary>
public abstract class PortalPageModel(PortalContexts contexts) : PageModel
{
    private PortalContext? _context;

    public PortalContext Portal => _context ?? throw new InvalidOperationException("The portal context is resolved by the page handler.");

    /// <summary>Why the last action was refused, for the page's alert; null when nothing was refused.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The last action was refused because the ticket changed after the form was shown (the API's 412).</summary>
    public bool Stale { get; private set; }

    /// <summary>Field-level messages of a refused form, by field name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The API's resolver of the caller, for a page that hands it on to an endpoint method.</summary>
    protected PortalContexts Contexts => contexts;

    protected async Task<PortalContext> ResolveAsync(CancellationToken ct) => _context ??= await contexts.ResolveAsync(HttpContext, ct);

    /// <summary>The zone <see cref="Local"/> shows times in: UTC until <see cref="UseContactTimeZoneAsync"/>.</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Shows this page's times in the contact's time zone (pages outside ticketing, which have no context).</summary>
    protected async Task UseContactTimeZoneAsync(CancellationToken ct) => TimeZone = await contexts.TimeZoneAsync(HttpContext, ct);

    /// <summary>An instant as the contact reads it: in <see cref="TimeZone"/>, in the page's culture.</summary>
    public string Local(DateTimeOffset instant) => When(TimeZoneInfo.ConvertTime(instant, TimeZone));

    /// <summary>A section switched off for the contact (P11) is not an error page: the portal's home shows what is on.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is ForbiddenException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new RedirectResult($"{PortalWebServices.BasePath}?unavailable=true");
        }
    }

    /// <summary>A filter value as the list endpoints take it: trimmed, or null when blank.</summary>
    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The start of a local day in <paramref name="zone"/>, for the created-range filters.</summary>
    protected static DateTimeOffset? StartOf(DateOnly? day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (day is not { } d)
        {
            return null;
        }

        var local = d.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>A list page's link: <paramref name="path"/> with the non-blank <paramref name="values"/> as its query string.</summary>
    protected static string ListLink(string path, IEnumerable<KeyValuePair<string, string?>> values) =>
        path + QueryString.Create(values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    /// <summary>A date filter as its query string writes it.</summary>
    protected static string? QueryDate(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The contact's local time of an instant already converted by the shaper, in the page's culture.</summary>
    public static string When(DateTimeOffset local) => local.ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Runs <paramref name="action"/>; a refusal of the API code becomes the page's alert and status code.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return true;
        }
        catch (ValidationException invalid)
        {
            FieldErrors = invalid.Errors.GroupBy(e => e.PropertyName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.OrdinalIgnoreCase);
            return Refuse("request.invalid", StatusCodes.Status400BadRequest, string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)));
        }
        catch (DomainRuleViolation rule)
        {
            return Refuse(rule.Code, Errors.RuleStatus.For(rule.Code), rule.Message);
        }
        catch (BadRequestException bad)
        {
            return Refuse(bad.Code, StatusCodes.Status400BadRequest, bad.Message);
        }
        catch (UnprocessableException unprocessable)
        {
            return Refuse(unprocessable.Code, StatusCodes.Status422UnprocessableEntity, unprocessable.Message);
        }
        catch (PreconditionFailedException stale)
        {
            Stale = true;
            return Refuse("concurrency.precondition_failed", StatusCodes.Status412PreconditionFailed, stale.Message);
        }
        catch (NotFoundException notFound)
        {
            return Refuse(notFound.Code, StatusCodes.Status404NotFound, notFound.Message);
        }
        catch (ConflictException conflict)
        {
            return Refuse(conflict.Code, StatusCodes.Status409Conflict, conflict.Message);
        }
        catch (RateLimitedException limited)
        {
            return Refuse(limited.Code, StatusCodes.Status429TooManyRequests, limited.Message);
        }
        catch (SmsUnavailableException unavailable)
        {
            return Refuse("sms.unavailable", StatusCodes.Status503ServiceUnavailable, unavailable.Message);
        }
        catch (BadHttpRequestException bad)
        {
            return Refuse("request.malformed", bad.StatusCode, bad.Message);
        }
    }

    private bool Refuse(string code, int status, string detail)
    {
        var language = _context?.Caller.Language ?? PortalLanguage.Current;
        Refusal = PortalTexts.Find(code, language) is { } text ? text : PortalTexts.ProblemTitle(code, status, language) + " " + detail;
        Response.StatusCode = status;
        return false;
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// A fixed window per account name (the login as sent, trimmed and lower-cased) shared by login and forgot-password,
/// so many client addresses cannot hammer one account. It comes on top of the per-address window: both must grant.
/// </summary>
public sealed class AccountRateLimiter(IOptions<AuthSettings> settings) : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.Value.AccountRateLimitPermits,
            Window = settings.Value.RateLimitWindow,
            QueueLimit = 0,
        }));

    public static string Key(string? login) => (login ?? "").Trim().ToLowerInvariant();

    public RateLimitLease Acquire(string? login) => _limiter.AttemptAcquire(Key(login));

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}

/// <summary>The request bodies whose login names an account for <see cref="AccountRateLimiter"/>.</summary>
public interface IAccountRequest
{
    string Login { get; }
}

/// <summary>Refuses the request with the same 429 problem as the per-address limit when its account's window is used up.</summary>
public sealed class AccountRateLimitFilter<TRequest>(AccountRateLimiter limiter) : IEndpointFilter where TRequest : IAccountRequest
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        using var lease = limiter.Acquire(request?.Login);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        AuthRateLimiting.SetRetryAfter(context.HttpContext, lease);
        return TypedResults.Problem(AuthRateLimiting.Problem());
    }
}

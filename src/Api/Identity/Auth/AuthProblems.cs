using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Errors;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// Failures of the anonymous auth endpoints. A failed login has one answer whatever the cause (unknown
/// account, wrong password, locked account), so an anonymous caller learns nothing about which accounts exist.
/// </summary>
public static class AuthProblems
{
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string ResetCodeInvalid = "auth.reset_code_invalid";
    public const string CurrentPasswordIncorrect = ChangePasswordHandler.CurrentPasswordIncorrect;
    public const string RateLimited = "auth.rate_limited";
    public const string InvalidRefreshToken = "auth.invalid_refresh_token";
    public const string RefreshTokenReused = "auth.refresh_token_reused";

    public static ProblemHttpResult InvalidCredentialsResult() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign-in failed.",
        detail: "The username or password is wrong, or the account is locked for a while after repeated failures.",
        type: ProblemTypes.For(InvalidCredentials),
        extensions: new Dictionary<string, object?> { ["code"] = InvalidCredentials });

    public static ProblemHttpResult InvalidRefreshTokenResult() => Unauthorized(
        InvalidRefreshToken, "The refresh token is not accepted.", "The refresh token is malformed or expired, or its session has ended. Sign in again.");

    public static ProblemHttpResult RefreshTokenReusedResult() => Unauthorized(
        RefreshTokenReused, "The refresh token was already used.",
        "A refresh token can be used once. Because a spent one was presented again, the session has been ended. Sign in again.");

    private static ProblemHttpResult Unauthorized(string code, string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail, type: ProblemTypes.For(code),
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static UnprocessableException ResetCodeInvalidError() =>
        new(ResetCodeInvalid, "The reset code is wrong, expired, already used, or was tried too often. Request a new one.");
}

namespace Ticketing.Api.Errors;

/// <summary>Stable problem <c>type</c> URIs: one per error code, so clients can match on either.</summary>
public static class ProblemTypes
{
    public static string For(string code) => $"urn:ticketing:problem:{code}";
}

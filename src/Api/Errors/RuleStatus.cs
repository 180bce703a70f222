namespace Ticketing.Api.Errors;

/// <summary>
/// A broken business rule answers 409 when the resource's current state refuses the change (billed,
/// deleted, already assigned...) and 422 when the request names something the rules cannot accept.
/// </summary>
public static class RuleStatus
{
    private static readonly string[] UnprocessableMarkers = ["_required", "unknown_", "_too_long", "invalid", "_not_allowed"];

    public static int For(string code) =>
        UnprocessableMarkers.Any(marker => code.Contains(marker, StringComparison.Ordinal)) ? 422 : 409;
}

namespace Ticketing.Api.Identity.Accounts;

/// <summary>IANA time zone ids as the host's time zone database knows them (Windows ids are refused).</summary>
public static class TimeZones
{
    public static bool IsIana(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}

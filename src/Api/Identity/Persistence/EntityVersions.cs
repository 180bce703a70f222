using System.Globalization;

namespace Ticketing.Api.Identity.Persistence;

/// <summary>Optimistic concurrency on plain rows: the <c>version</c> column travels as a strong ETag.</summary>
public static class EntityVersions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Throws 412 when the request carries an <c>If-Match</c> that is not the current version.</summary>
    public static void CheckIfMatch(HttpRequest request, int current) => RowVersion.Check(IfMatch(request), current);

    /// <summary>
    /// The version the request's <c>If-Match</c> expects: null when there is none (or <c>*</c>), 0 (no row's version) when
    /// it is not a version at all, so the check answers 412 for it.
    /// </summary>
    public static int? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        return int.TryParse(header.Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var expected) ? expected : 0;
    }
}

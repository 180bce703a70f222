using System.Globalization;
using Microsoft.AspNetCore.Http;
using Ticketing.Application.Errors;

namespace Ticketing.Application.Persistence;

/// <summary>Optimistic concurrency on plain rows: the <c>version</c> column travels as a strong ETag.</summary>
public static class EntityVersions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Throws 412 when the request carries an <c>If-Match</c> that is not the current version.</summary>
    public static void CheckIfMatch(HttpRequest request, int current)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckIfMatch(request.Headers.IfMatch.ToString(), current);
    }

    /// <summary>The same check on the header's raw value, for a handler the endpoint passed it to.</summary>
    public static void CheckIfMatch(string? header, int current)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return;
        }

        var text = header.Trim().Trim('"');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var expected) || expected != current)
        {
            throw new PreconditionFailedException(expected, current);
        }
    }
}

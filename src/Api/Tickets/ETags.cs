using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace Ticketing.Api.Tickets;

/// <summary>A ticket's ETag is its stream version, quoted: <c>"7"</c>. If-Match carries it back.</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = Format(version);

    /// <summary>The version an If-Match header asks for; null when absent or <c>*</c>; 400 when malformed.</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version > 0)
        {
            return version;
        }

        throw new ValidationException([new ValidationFailure("If-Match", "If-Match must be a version ETag (a ticket's or a device's) such as \"3\".")]);
    }
}

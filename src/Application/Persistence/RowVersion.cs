using Ticketing.Application.Errors;

namespace Ticketing.Application.Persistence;

/// <summary>Optimistic concurrency on plain rows: a command carries the version its caller last saw (its If-Match).</summary>
public static class RowVersion
{
    /// <summary>Throws 412 when <paramref name="expected"/> is given and is not the row's current version.</summary>
    public static void Check(int? expected, int current)
    {
        if (expected is { } version && version != current)
        {
            throw new PreconditionFailedException(version, current);
        }
    }
}

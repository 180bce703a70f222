namespace Ticketing.Application.EventSourcing;

/// <summary>
/// The stream version a command decided on. Versions count events: the first event of a stream has
/// version 1, so a stream's version is the version of its last event and 0 means "no stream".
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for <see cref="Any"/>, 0 for <see cref="NoStream"/>, otherwise the exact version.</summary>
    public long Value { get; }

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>No concurrency check: append after whatever is there (creating the stream if needed).</summary>
    public static ExpectedVersion Any { get; } = new(-1);

    public bool IsAny => Value < 0;

    /// <summary>The stream must be at exactly <paramref name="version"/> (0 is the same as <see cref="NoStream"/>).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A stream version is never negative.");

    public override string ToString() => Value switch
    {
        < 0 => "any",
        0 => "no stream",
        _ => $"version {Value}",
    };
}

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// What a reader derives from a <see cref="SettingsSnapshot"/> (the portal settings, the ticket policies), kept for as
/// long as <see cref="CurrentSettings"/> answers with the same snapshot, so a request that reads unchanged settings
/// does not build them again.
/// </summary>
public sealed class SnapshotDerived<T>(Func<SettingsSnapshot, T> derive)
    where T : class
{
    private Entry? _last;

    public T From(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Snapshot, snapshot))
        {
            return last.Value;
        }

        var value = derive(snapshot);
        Volatile.Write(ref _last, new Entry(snapshot, value));
        return value;
    }

    private sealed record Entry(SettingsSnapshot Snapshot, T Value);
}

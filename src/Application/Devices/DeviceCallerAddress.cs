using Npgsql;
using Ticketing.Application.Privacy;

namespace Ticketing.Application.Devices;

/// <summary>
/// The caller's address on a device action's events (<c>from</c>) is the contact's personal data: it is sealed with the
/// contact's key (ADR 0027), like the text they write, so erasing the contact makes it read as erased in the history
/// while the stored event, and the hash chain over it, stay as they are (ADR 0030).
/// </summary>
public static class DeviceCallerAddress
{
    /// <summary>
    /// <paramref name="from"/> sealed for <paramref name="contactId"/>; <see cref="SealedText.Erased"/> when the contact was
    /// erased (their address is not kept at all); null stays null. A contact older than the keys gets one here.
    /// </summary>
    public static async Task<string?> SealAsync(PersonalDataKeys keys, NpgsqlDataSource dataSource, Guid contactId, string? from, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(dataSource);
        if (string.IsNullOrEmpty(from))
        {
            return from;
        }

        var found = await keys.LoadAsync([contactId], ct);
        byte[]? key;
        if (!found.TryGetValue(contactId, out key))
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            key = await keys.EnsureAsync(connection, contactId, ct);
        }

        return key is null ? SealedText.Erased : SealedText.Seal(contactId, key, from);
    }
}

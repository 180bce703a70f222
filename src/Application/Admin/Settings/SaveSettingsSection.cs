namespace Ticketing.Application.Admin.Settings;

/// <summary>
/// An administrator replaces the portal, fields or catalogues section (ADR 0007). <see cref="ConfiguredValueJson"/> is
/// what configuration puts in force while the section was never saved: the "before" of its first version.
/// </summary>
public sealed record SaveSettingsSection(string Section, object Value, string ConfiguredValueJson, string? IfMatch, Guid ChangedBy);

/// <summary>The section's version after the save.</summary>
public sealed record SettingsSectionSaved(long Version);

/// <summary>
/// Appends the section's next version under its lock; a catalogues version that drops an entry still in use is refused
/// with 409 in the same transaction (ADR 0011).
/// </summary>
public static class SaveSettingsSectionHandler
{
    public static async Task<SettingsSectionSaved> Handle(SaveSettingsSection command, SettingsVersions versions, CancellationToken ct)
    {
        var version = await versions.AppendAsync(
            new SettingsChangeRequest(
                command.Section, SettingsJson.Serialize(command.Value), command.IfMatch, command.ChangedBy,
                (_, _) => Task.FromResult(command.ConfiguredValueJson),
                async (connection, before, token) =>
                {
                    if (command.Value is CataloguesSection catalogues)
                    {
                        await CatalogueRemovals.RefuseInUseAsync(connection, before, catalogues, token);
                    }

                    return true;
                }),
            ct);
        return new SettingsSectionSaved(version);
    }
}

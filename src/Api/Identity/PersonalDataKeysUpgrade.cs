using Ticketing.Application.Privacy;

namespace Ticketing.Api.Identity;

/// <summary>
/// The upgrade step that gives every contact created before personal-data keys existed a key (ADR 0027), so a
/// contact's command only reads its key. Until it has run, such a contact's first command creates the key itself.
/// </summary>
public sealed class PersonalDataKeysUpgrade(PersonalDataKeys keys, ILogger<PersonalDataKeysUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await keys.CreateMissingAsync(cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Gave {Count} contact(s) their personal-data key", count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Npgsql;
using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// The upgrade step that encrypts the <c>mail_secrets</c> rows written in clear before secrets were protected (a
/// welcome or reset mail queued, or dead lettered, across the upgrade). Until it has run the sender reads clear rows as
/// well, so no mail waits for it (ADR 0017, "Secrets at rest").
/// </summary>
public sealed class ClearMailSecretsUpgrade(NpgsqlDataSource dataSource, MailSecrets mailSecrets, ILogger<ClearMailSecretsUpgrade> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await mailSecrets.ProtectClearRowsAsync(dataSource, cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Encrypted the secrets of {Count} queued mail(s) stored in clear", count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

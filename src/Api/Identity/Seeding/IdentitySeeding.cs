using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Seeding;

/// <summary>
/// The first administrator. With <c>Ticketing:Admin:Email</c> and <c>Ticketing:Admin:Password</c> configured, that
/// admin is created if no user has the email (an existing account is never changed). Otherwise, on the embedded
/// default database with no users at all, a demo admin is created and its generated credentials are written to the
/// console once (never to the logger). Nodes starting together serialise on an advisory lock.
/// </summary>
public static class IdentitySeeding
{
    private const long SeedLockKey = 7_361_205_118_442_200;
    private const string DemoEmail = "admin@localhost";

    /// <summary>Runs after the migrations (the hosted <see cref="IdentitySeedingService"/> calls it on start).</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var database = provider.GetRequiredService<TicketingDatabase>();
        var accounts = provider.GetRequiredService<AccountWriter>();
        var audit = provider.GetRequiredService<AuditLog>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentitySeeding));

        var email = configuration["Ticketing:Admin:Email"];
        var password = configuration["Ticketing:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) != string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException("Set both Ticketing:Admin:Email and Ticketing:Admin:Password, or neither.");
        }

        if (password is not null && !PasswordPolicy.IsSatisfiedBy(password))
        {
            throw new InvalidOperationException(
                $"Ticketing:Admin:Password must have {PasswordPolicy.MinimumLength}+ characters mixing at least two character classes.");
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = connection.Sql($"select pg_advisory_xact_lock({SeedLockKey})"))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            if (!await ExistsAsync(connection, "select 1 from users where lower(email) = lower($1)", email.Trim(), ct))
            {
                var id = await CreateAdminAsync(connection, tx, accounts, audit, email.Trim(), password!, ct);
                logger.LogInformation("Created the configured administrator {UserId} ({Email})", id, email.Trim());
            }
        }
        else if (database.IsEmbedded && !await ExistsAsync(connection, "select 1 from users limit 1", null, ct))
        {
            var generated = PasswordGenerator.Password();
            await CreateAdminAsync(connection, tx, accounts, audit, DemoEmail, generated, ct);
            await tx.CommitAsync(ct);
            Console.WriteLine($"""

                ==================================================================
                 Demo administrator created (shown once, store it now):
                   username: admin    (or {DemoEmail})
                   password: {generated}
                 Sign in with POST /api/auth/login. Configure Ticketing:Admin:Email
                 and Ticketing:Admin:Password to choose your own administrator.
                ==================================================================

                """);
            return;
        }

        await tx.CommitAsync(ct);
    }

    private static async Task<Guid> CreateAdminAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, AccountWriter accounts, AuditLog audit, string email, string password, CancellationToken ct)
    {
        var account = new NewAccount(Guid.CreateVersion7(), Roles.Admin, null, email, "Admin", "", PortalLanguages.Default, "UTC");
        var username = await accounts.InsertAsync(connection, tx, account, password, ct, preferredUsername: "admin");
        await audit.WriteAsync(connection, null, "user.created", "user", account.Id, null, new { account.Id, account.Role, account.Email, Username = username }, ct);
        return account.Id;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string? parameter, CancellationToken ct)
    {
        await using var command = connection.Sql(sql);
        if (parameter is not null)
        {
            command.With(parameter);
        }

        return await command.ExecuteScalarAsync(ct) is not null;
    }
}

/// <summary>Seeds before the server starts listening (hosted lifecycle "starting" phase, after Program's migrations).</summary>
public sealed class IdentitySeedingService(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => IdentitySeeding.SeedAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

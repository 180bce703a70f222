using Npgsql;
using Ticketing.Application.Persistence;
using Ticketing.Domain;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>A new row of <c>users</c>, before its username is chosen.</summary>
public sealed record NewAccount(
    Guid Id, string Role, Guid? CustomerId, string Email, string FirstName, string LastName, string Language, string TimeZone);

/// <summary>Writes <c>users</c> rows inside the caller's transaction: account creation and password replacement.</summary>
public sealed class AccountWriter(SecretHasher hasher, TimeProvider time)
{
    public const string EmailTaken = "user.email_taken";

    /// <summary>Inserts the account with a free generated username (or <paramref name="preferredUsername"/> when free) and returns it.</summary>
    public async Task<string> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewAccount account, string password,
        CancellationToken ct, string? preferredUsername = null)
    {
        var hash = hasher.Hash(password);
        var now = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var candidates = Usernames.Candidates(Usernames.Base(account.FirstName, account.LastName));
            var username = await FirstFreeAsync(connection, preferredUsername is null ? candidates : [preferredUsername, .. candidates], ct);
            await transaction.SaveAsync("account", ct);
            try
            {
                await using var insert = connection.Sql("""
                    insert into users (id, role, customer_id, username, email, first_name, last_name, language, time_zone,
                                       password_hash, created_at, updated_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
                    """)
                    .With(account.Id).With(account.Role).With(account.CustomerId).With(username).With(account.Email)
                    .With(account.FirstName).With(account.LastName).With(account.Language).With(account.TimeZone)
                    .With(hash).With(now);
                await insert.ExecuteNonQueryAsync(ct);
                await transaction.ReleaseAsync("account", ct);
                return username;
            }
            catch (PostgresException e) when (e.IsUniqueViolation("users_username_key") && attempt < 3)
            {
                // Another request took the same candidate between our check and our insert.
                await transaction.RollbackAsync("account", ct);
            }
            catch (PostgresException e) when (e.IsUniqueViolation("users_email_key"))
            {
                throw EmailTakenError();
            }
        }
    }

    /// <summary>Replaces the password hash and clears the lockout state.</summary>
    public async Task SetPasswordAsync(NpgsqlConnection connection, Guid userId, string password, CancellationToken ct)
    {
        await using var update = connection.Sql("""
            update users set password_hash = $2, failed_login_count = 0, locked_until = null, updated_at = $3
            where id = $1
            """)
            .With(userId).With(hasher.Hash(password)).With(time.GetUtcNow());
        await update.ExecuteNonQueryAsync(ct);
    }

    public static DomainRuleViolation EmailTakenError() =>
        new(EmailTaken, "Another user already has this email address.");

    private static async Task<string> FirstFreeAsync(NpgsqlConnection connection, IReadOnlyList<string> candidates, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            select c.name from unnest($1::text[]) with ordinality as c(name, n)
            where not exists (select 1 from users u where lower(u.username) = lower(c.name))
            order by c.n limit 1
            """)
            .With(candidates.ToArray());
        return await command.ExecuteScalarAsync(ct) as string
            ?? throw new InvalidOperationException("No free username among the generated candidates.");
    }
}

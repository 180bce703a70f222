using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Schemas a library creates from its configuration (Marten's, Wolverine's): applied once per version of their creation
/// script, whose hash is recorded in <c>schema_migrations</c>, so a start whose schema has not changed skips the
/// library's comparison with the database. Called under the migration lock, so nodes starting together do not race.
/// </summary>
public static class SchemaScripts
{
    public static async Task ApplyOnceAsync(NpgsqlDataSource dataSource, string name, string creationScript, Func<Task> apply)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(apply);
        var id = $"{name}_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(creationScript)))[..16];
        await using (var applied = dataSource.CreateCommand("select exists (select from schema_migrations where id = $1)"))
        {
            applied.Parameters.Add(new NpgsqlParameter { Value = id });
            if ((bool)(await applied.ExecuteScalarAsync())!)
            {
                return;
            }
        }

        await apply();
        await using var record = dataSource.CreateCommand("insert into schema_migrations (id) values ($1)");
        record.Parameters.Add(new NpgsqlParameter { Value = id });
        await record.ExecuteNonQueryAsync();
    }
}

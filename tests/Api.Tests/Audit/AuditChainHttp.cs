using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Audit;

/// <summary>A ticket host whose checkpoints are written only when a test asks (<see cref="AuditChainHttp.CheckpointAsync"/>).</summary>
public class AuditChainApiFactory : TicketApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Audit:CheckpointPollInterval", "00:00:00");
    }
}

/// <summary><c>GET /api/audit/verify</c>.</summary>
public sealed record Verification(
    bool Intact,
    Guid? TicketId,
    int StreamsChecked,
    long EventsChecked,
    int CheckpointsChecked,
    long? LastCheckpoint,
    long SignedThroughSequence,
    BrokenLink? FirstBrokenLink,
    int ProblemCount);

public sealed record BrokenLink(string Code, string Detail, Guid? StreamId, long? Version, long? Sequence, long? Checkpoint);

/// <summary>One key of <c>GET /api/audit/keys</c>.</summary>
public sealed record PublishedKey(string KeyId, string Algorithm, string PublicKeyPem, PublishedJwk Jwk, DateTimeOffset CreatedAt, bool Active);

public sealed record PublishedJwk(string Kty, string Crv, string X, string Y, string Kid, string Alg, string Use);

public static class AuditChainHttp
{
    public static Task<Verification> VerifyAsync(this ApiUser auditor, Guid? ticketId = null) =>
        auditor.GetAsync<Verification>(ticketId is null ? "/api/audit/verify" : $"/api/audit/verify?ticketId={ticketId}");

    /// <summary>The export's body exactly as sent, as a JSON tree a test can alter.</summary>
    public static async Task<JsonObject> ExportAsync(this ApiUser auditor, Guid ticketId)
    {
        var result = await auditor.Scenario(s =>
        {
            s.Get.Url($"/api/audit/tickets/{ticketId}/export");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    /// <summary>Signs a checkpoint now, as the background job would.</summary>
    public static async Task<Checkpoint> CheckpointAsync(this ApiFactory api) =>
        await api.Services.GetRequiredService<CheckpointWriter>().WriteAsync(force: true, CancellationToken.None)
        ?? throw new ShouldAssertException("No checkpoint was written: there were no new events.");

    /// <summary>Runs <c>audit verify FILE [--keys KEYS]</c> on <paramref name="export"/> as the command line does; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) VerifyOffline(JsonNode export, JsonNode? keys = null)
    {
        var folder = Directory.CreateTempSubdirectory("audit-export-");
        try
        {
            var file = Path.Combine(folder.FullName, "export.json");
            File.WriteAllText(file, export.ToJsonString());
            string[] args = ["audit", "verify", file];
            if (keys is not null)
            {
                var keysFile = Path.Combine(folder.FullName, "keys.json");
                File.WriteAllText(keysFile, keys.ToJsonString());
                args = [.. args, "--keys", keysFile];
            }

            using var output = new StringWriter();
            var exitCode = OfflineVerifier.Run(args, output);
            return (exitCode, output.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs <c>Ticketing.Api audit verify FILE</c> as its own process with no connection string and an empty data folder
    /// (where the API would start its embedded PostgreSQL); returns the exit code, the output and whether the folder
    /// stayed empty.
    /// </summary>
    public static async Task<(int ExitCode, string Output, bool DataFolderUntouched)> VerifyInProcessOfItsOwnAsync(JsonNode export)
    {
        var folder = Directory.CreateTempSubdirectory("audit-offline-");
        try
        {
            var file = Path.Combine(folder.FullName, "export.json");
            File.WriteAllText(file, export.ToJsonString());
            var dataFolder = Directory.CreateDirectory(Path.Combine(folder.FullName, "data"));
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { typeof(OfflineVerifier).Assembly.Location, "audit", "verify", file })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["Ticketing__DataFolder"] = dataFolder.FullName;
            start.Environment.Remove("ConnectionStrings__Ticketing");
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output, dataFolder.GetFileSystemInfos().Length == 0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Direct SQL on the host's database: what someone with access to it could do behind the API's back.</summary>
    public static async Task ExecuteAsync(this ApiFactory api, string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A ticket host whose background job looks for new events every 100 ms and signs them at once.</summary>
public sealed class FastCheckpointApiFactory : TicketApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Audit:CheckpointPollInterval", "00:00:00.100");
        builder.UseSetting("Ticketing:Audit:CheckpointInterval", "00:00:00");
    }
}

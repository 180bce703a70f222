using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Admin.Projections;

/// <summary>
/// <c>/api/admin/projections</c> (T11, ADR 0015): every read model with its state, rebuild progress and lag, and an
/// online rebuild of one. The read models are inline (written in the append's transaction), so their lag is always 0
/// events; a rebuild runs on the node that accepted it and every node reports its progress.
/// </summary>
public static class ReadModelEndpoints
{
    public sealed record ReadModelStatus(
        string Name, string State, long LagEvents, long EventsInLog, RebuildState? LastRebuild, double? Progress);

    public static IEndpointRouteBuilder MapReadModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/projections").WithTags("Admin read models").RequireAuthorization(Policies.Admin);
        group.MapGet("", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPost("/{name}/rebuild", RebuildAsync);
        return routes;
    }

    public static IServiceCollection AddReadModelAdmin(this IServiceCollection services)
    {
        services.AddSingleton<ReadModelRebuilder>();
        services.AddSingleton<ReadModelRebuilds>();
        return services;
    }

    private static async Task<Ok<IReadOnlyList<ReadModelStatus>>> ListAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await StatusesAsync(dataSource, clock, ct));

    private static async Task<Ok<ReadModelStatus>> GetAsync(string name, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        Known(name);
        return TypedResults.Ok((await StatusesAsync(dataSource, clock, ct)).Single(s => s.Name == name));
    }

    private static async Task<Accepted<ReadModelStatus>> RebuildAsync(
        string name, ClaimsPrincipal user, ReadModelRebuilds rebuilds, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        Known(name);
        if (!await rebuilds.StartAsync(name, user.GetCurrentUser().UserId))
        {
            throw new ConflictException("projection.rebuild_running", $"A rebuild of {name} is already running.");
        }

        var status = (await StatusesAsync(dataSource, clock, ct)).Single(s => s.Name == name);
        return TypedResults.Accepted($"/api/admin/projections/{name}", status);
    }

    private static void Known(string name)
    {
        if (!ReadModelRebuilder.Names.Contains(name))
        {
            throw new NotFoundException("projection.not_found", $"There is no read model named '{name}'.");
        }
    }

    private static async Task<IReadOnlyList<ReadModelStatus>> StatusesAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var rebuilds = await RebuildStatus.AllAsync(dataSource, ct);
        await using var count = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        var inLog = (long)(await count.ExecuteScalarAsync(ct))!;
        var now = clock.GetUtcNow();
        return [.. ReadModelRebuilder.Names.Select(name =>
        {
            var last = rebuilds.GetValueOrDefault(name);
            var state = last switch
            {
                { State: "rebuilding" } when now - last.HeartbeatAt > RebuildStatus.HeartbeatTimeout => "interrupted",
                { State: "rebuilding" } => "rebuilding",
                _ => "live",
            };
            double? progress = state == "rebuilding" && last!.EventsTotal > 0 ? Math.Min(1, (double)last.EventsDone / last.EventsTotal) : null;
            return new ReadModelStatus(name, state, 0, inLog, last, progress);
        })];
    }
}

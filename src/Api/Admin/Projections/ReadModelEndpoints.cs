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
        TypedResults.Ok(await ReadModelStatuses.AllAsync(dataSource, clock, ct));

    private static async Task<Ok<ReadModelStatus>> GetAsync(string name, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        Known(name);
        return TypedResults.Ok((await ReadModelStatuses.AllAsync(dataSource, clock, ct)).Single(s => s.Name == name));
    }

    private static async Task<Accepted<ReadModelStatus>> RebuildAsync(
        string name, ClaimsPrincipal user, ReadModelRebuilds rebuilds, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        Known(name);
        if (!await rebuilds.StartAsync(name, user.GetCurrentUser().UserId))
        {
            throw new ConflictException("projection.rebuild_running", $"A rebuild of {name} is already running.");
        }

        var status = (await ReadModelStatuses.AllAsync(dataSource, clock, ct)).Single(s => s.Name == name);
        return TypedResults.Accepted($"/api/admin/projections/{name}", status);
    }

    private static void Known(string name)
    {
        if (!ReadModelRebuilder.Names.Contains(name))
        {
            throw new NotFoundException("projection.not_found", $"There is no read model named '{name}'.");
        }
    }
}

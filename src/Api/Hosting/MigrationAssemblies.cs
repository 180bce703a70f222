using System.Reflection;

namespace Ticketing.Api.Hosting;

/// <summary>Every assembly that carries numbered SQL migrations, in one place for the API and the tests.</summary>
public static class MigrationAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } =
    [
        typeof(Ticketing.Projections.ProjectionsAssembly).Assembly,
        typeof(MigrationAssemblies).Assembly,
    ];
}

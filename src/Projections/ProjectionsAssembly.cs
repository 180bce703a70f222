namespace Ticketing.Projections;

/// <summary>Anchor for locating this assembly (migrations, architecture tests).</summary>
public static class ProjectionsAssembly;

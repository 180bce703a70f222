using System.Reflection;
using System.Xml.Linq;

namespace Ticketing.Api.Tests.Platform;

/// <summary>Dependencies point inward: checked on the project files and on the compiled assemblies.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Ticketing.Domain.DomainRuleViolation).Assembly;
    private static readonly Assembly Application = typeof(Ticketing.Application.Errors.NotFoundException).Assembly;
    private static readonly Assembly Projections = typeof(Ticketing.Projections.ProjectionsAssembly).Assembly;

    [Fact]
    public void Domain_project_references_no_package_and_no_project()
    {
        var project = ProjectFile("src/Domain/Ticketing.Domain.csproj");

        project.Descendants("PackageReference").ShouldBeEmpty();
        project.Descendants("ProjectReference").ShouldBeEmpty();
        project.Descendants("FrameworkReference").ShouldBeEmpty();
    }

    [Fact]
    public void Domain_assembly_uses_only_the_base_library()
    {
        ReferencedNames(Domain).ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_depends_on_the_domain_and_marten_only_never_on_read_models_or_the_api()
    {
        var project = ProjectFile("src/Application/Ticketing.Application.csproj");
        project.Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include") ?? "")
            .ShouldBe([@"..\Domain\Ticketing.Domain.csproj"]);

        var ticketing = ReferencedNames(Application).Where(n => n.StartsWith("Ticketing.", StringComparison.Ordinal));
        ticketing.ShouldBe(["Ticketing.Domain"]);
        ReferencedNames(Application).ShouldContain("Marten");
    }

    [Fact]
    public void Nothing_references_the_retired_event_store()
    {
        File.Exists(Path.Combine(Repository().FullName, "src/EventStore/Ticketing.EventStore.csproj")).ShouldBeFalse();
        foreach (var assembly in new[] { Domain, Application, Projections, typeof(Program).Assembly })
        {
            ReferencedNames(assembly).ShouldNotContain("Ticketing.EventStore");
        }
    }

    [Fact]
    public void Projections_do_not_reference_the_api()
    {
        ProjectFile("src/Projections/Ticketing.Projections.csproj").Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "").ShouldNotContain(r => r.Contains("Api", StringComparison.Ordinal));
        ReferencedNames(Projections).ShouldNotContain("Ticketing.Api");
    }

    private static List<string> ReferencedNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name ?? "")];

    private static XDocument ProjectFile(string relativePath) => XDocument.Load(Path.Combine(Repository().FullName, relativePath));

    private static DirectoryInfo Repository()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ticketing.sln")))
        {
            folder = folder.Parent;
        }

        folder.ShouldNotBeNull("the test runs inside the repository");
        return folder;
    }
}

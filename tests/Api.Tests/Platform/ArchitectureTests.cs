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

    [Fact]
    public void Files_that_map_endpoints_hold_no_sql()
    {
        var api = new DirectoryInfo(Path.Combine(Repository().FullName, "src/Api"));
        var endpointFiles = api.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f.Name, Text: File.ReadAllText(f.FullName)))
            .Where(f => SqlFreeMarkers.Any(m => f.Text.Contains(m, StringComparison.Ordinal)))
            .ToList();

        endpointFiles.Count.ShouldBeGreaterThan(20, "the scan finds the endpoint files");
        // Every use case is a handler in Application (issue 14): an endpoint builds the message and invokes it, so the
        // scan above must find no SQL in any of them.
        endpointFiles.Where(f => SqlMarkers.Any(m => f.Text.Contains(m, StringComparison.OrdinalIgnoreCase))).Select(f => f.Name).Order()
            .ShouldBeEmpty();
    }

    [Fact]
    public void Our_own_command_dispatch_outbox_and_delivery_runner_are_gone()
    {
        var types = typeof(Program).Assembly.GetTypes().Concat(Application.GetTypes()).Select(t => t.Name).ToHashSet();
        string[] retired = ["TicketCommandService", "MailDelivery", "MailDeliveryService", "MailOutbox", "QueuedMail", "TicketNotificationsProjection"];
        retired.Where(types.Contains).ShouldBeEmpty();
    }

    [Fact]
    public void Failures_of_commands_the_api_invokes_are_not_logged_under_their_message_types_but_mail_failures_are()
    {
        var categories = Ticketing.Api.Hosting.InlineCommandLogging.Categories;

        categories.ShouldContain(typeof(Ticketing.Application.Tickets.Replies.PostTicketReply).FullName!);
        categories.ShouldContain(typeof(Ticketing.Application.Tickets.Creating.OpenTicket).FullName!);
        categories.ShouldNotContain(typeof(Ticketing.Application.Email.SendMail).FullName!);
    }

    private static readonly string[] SqlFreeMarkers = ["MapGet(", "MapPost(", "MapPut(", "MapPatch(", "MapDelete(", "IMessageBus bus"];

    private static readonly string[] SqlMarkers = ["select ", "insert into", "update ", "delete from", "NpgsqlCommand", ".Sql("];

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

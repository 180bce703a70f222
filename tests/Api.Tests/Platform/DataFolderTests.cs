using Microsoft.Extensions.Configuration;
using Ticketing.Api.Hosting;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Api.Tests.Platform;

/// <summary>Where a node keeps its files does not depend on the folder it was started from.</summary>
public sealed class DataFolderTests
{
    [Fact]
    public void Without_a_setting_the_data_folder_is_the_default_not_the_working_folder()
    {
        var configuration = new ConfigurationBuilder().Build();
        var expected = Path.Combine(
            DataFolder.Default(DataFolder.RunsAsRoot, Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)), "postgres");

        var folder = DataFolder.Of(configuration, "postgres");

        folder.ShouldBe(expected);
        Path.IsPathFullyQualified(folder).ShouldBeTrue();
        folder.ShouldNotStartWith(Environment.CurrentDirectory + Path.DirectorySeparatorChar);
    }

    [Fact]
    public void A_user_keeps_the_data_in_their_own_ticketing_folder()
    {
        var localData = Path.Combine(Path.GetTempPath(), $"ticketing-home-{Guid.NewGuid():N}");

        DataFolder.Default(root: false, localData).ShouldBe(Path.Combine(localData, "ticketing"));
    }

    [Fact]
    public void Root_keeps_the_data_in_var_lib_because_the_postgres_user_cannot_enter_roots_home()
    {
        var localData = Path.Combine(Path.GetTempPath(), $"ticketing-home-{Guid.NewGuid():N}");

        DataFolder.Default(root: true, localData).ShouldBe("/var/lib/ticketing");
    }

    [Fact]
    public void Root_whose_home_already_holds_a_cluster_keeps_it()
    {
        var localData = Path.Combine(Path.GetTempPath(), $"ticketing-home-{Guid.NewGuid():N}");
        var data = Directory.CreateDirectory(Path.Combine(localData, "ticketing", "postgres", "data"));
        try
        {
            File.WriteAllText(Path.Combine(data.FullName, "PG_VERSION"), "15\n");

            DataFolder.Default(root: true, localData).ShouldBe(Path.Combine(localData, "ticketing"));
        }
        finally
        {
            Directory.Delete(localData, recursive: true);
        }
    }

    [Fact]
    public void A_configured_folder_is_used_as_given()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticketing-data-elsewhere");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DataFolder.Setting] = folder }).Build();

        DataFolder.Of(configuration, "attachments").ShouldBe(Path.Combine(folder, "attachments"));
    }

    // As root (CI, containers) the cluster runs as postgres; a folder that user cannot pass through fails at once,
    // naming the setting to change, before initdb writes anything. Not root, there is no other user to check.
    [Fact]
    public async Task As_root_a_cluster_folder_the_postgres_user_cannot_reach_is_refused_with_the_setting_to_change()
    {
        if (!DataFolder.RunsAsRoot || OperatingSystem.IsWindows())
        {
            return;
        }

        var closed = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ticketing-closed-{Guid.NewGuid():N}"));
        try
        {
            File.SetUnixFileMode(closed.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var root = Path.Combine(closed.FullName, "postgres");

            var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
                EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root, Durable = false }));

            refused.Message.ShouldContain("cannot reach");
            refused.Message.ShouldContain(DataFolder.Setting);
            Directory.Exists(Path.Combine(root, "data")).ShouldBeFalse();
            Directory.EnumerateFiles(root).ShouldBeEmpty();
        }
        finally
        {
            closed.Delete(recursive: true);
        }
    }
}

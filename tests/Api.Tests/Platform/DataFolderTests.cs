using Microsoft.Extensions.Configuration;
using Ticketing.Api.Hosting;

namespace Ticketing.Api.Tests.Platform;

/// <summary>Where a node keeps its files does not depend on the folder it was started from.</summary>
public sealed class DataFolderTests
{
    [Fact]
    public void Without_a_setting_the_data_folder_is_the_users_ticketing_folder_not_the_working_folder()
    {
        var configuration = new ConfigurationBuilder().Build();
        var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ticketing", "postgres");

        var folder = DataFolder.Of(configuration, "postgres");

        folder.ShouldBe(expected);
        Path.IsPathFullyQualified(folder).ShouldBeTrue();
        folder.ShouldNotStartWith(Environment.CurrentDirectory + Path.DirectorySeparatorChar);
    }

    [Fact]
    public void A_configured_folder_is_used_as_given()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticketing-data-elsewhere");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DataFolder.Setting] = folder }).Build();

        DataFolder.Of(configuration, "attachments").ShouldBe(Path.Combine(folder, "attachments"));
    }
}

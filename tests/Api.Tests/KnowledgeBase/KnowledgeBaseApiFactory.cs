using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>The identity test host (which maps the knowledge base) with attachments in a temporary folder.</summary>
public class KnowledgeBaseApiFactory : IdentityApiFactory
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ticketing-kb-tests-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:DataFolder", _dataFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.KnowledgeBase;
using Ticketing.Api.KnowledgeBase.Articles;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>
/// The identity test host plus the knowledge base, with attachments in a temporary folder. Until the host maps the
/// knowledge-base endpoints itself, <see cref="KnowledgeBaseRoutesUntilWired"/> maps them behind the host's own
/// pipeline (its exception handler and authentication still apply); once the host maps them, it does nothing.
/// </summary>
public class KnowledgeBaseApiFactory : IdentityApiFactory
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ticketing-kb-tests-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:DataFolder", _dataFolder);
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IValidator<ArticleRequest>)))
        {
            services.AddKnowledgeBase();
        }

        services.AddTransient<IStartupFilter, KnowledgeBaseRoutesUntilWired>();
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

    private sealed class KnowledgeBaseRoutesUntilWired : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            var wired = app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Any(e => e.RoutePattern.RawText?.StartsWith("/api/kb", StringComparison.Ordinal) == true);
            if (!wired)
            {
                // Requests no host endpoint matched fall through to here, inside the host's exception handler.
                app.UseRouting();
                app.UseAuthorization();
                app.UseEndpoints(endpoints => endpoints.MapKnowledgeBaseEndpoints());
            }
        };
    }
}

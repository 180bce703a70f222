using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Admin;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>
/// The ticket host (Zurich time, custom status <c>waiting-customer</c> in configuration) with the admin settings API.
/// The host wires it with <c>AddAdminSettings()</c> / <c>MapAdminSettingsEndpoints()</c> in its hosting code; this
/// factory maps it on a branch of its own as well, so the tests run whether or not those lines are in yet.
/// </summary>
public sealed class AdminSettingsApiFactory : TicketApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddAdminSettingsServices();
        services.AddTransient<IStartupFilter, AdminSettingsBranch>();
    }

    private sealed class AdminSettingsBranch : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(context => context.Request.Path.StartsWithSegments("/api/admin/settings"), branch =>
            {
                branch.UseExceptionHandler();
                branch.UseStatusCodePages();
                branch.UseRouting();
                branch.UseAuthentication();
                branch.UseAuthorization();
                branch.UseEndpoints(endpoints => endpoints.MapAdminSettingsEndpoints());
            });
            next(app);
        };
    }
}

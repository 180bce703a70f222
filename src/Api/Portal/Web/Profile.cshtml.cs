using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Ticketing.Api.Identity.Auth;
using Ticketing.Api.Identity.Me;
using Ticketing.Application.Identity;
using Ticketing.Application.Identity.Me;
using Wolverine;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal/profile</c> (P8): the contact's profile and the password change, through the <c>/api/me</c> endpoint
/// methods and their validators (the password change needs the current password, counts a wrong one towards the
/// lockout, and keeps this session while ending the others).
/// </summary>
public sealed class ProfileModel(PortalContexts contexts, NpgsqlDataSource dataSource, IMessageBus bus) : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public UpdateMyProfileRequest? Profile { get; set; }

    public ProfileResponse? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = (await MeEndpoints.GetAsync(User, dataSource, ct)).Value;
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        var request = Profile ?? new UpdateMyProfileRequest("", "", null, "", null, "", "");
        if (await TryAsync(async () =>
            {
                await new UpdateMyProfileRequestValidator().ValidateAndThrowAsync(request, ct);
                await MeEndpoints.UpdateProfileAsync(request, User, bus, ct);
            }))
        {
            PortalLanguage.Remember(Response, request.Language);
            return LocalRedirect($"{PortalWebServices.BasePath}/profile?done=profile");
        }

        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Current = Current! with
        {
            FirstName = request.FirstName, LastName = request.LastName, JobTitle = request.JobTitle, Email = request.Email,
            Phone = request.Phone, Language = request.Language, TimeZone = request.TimeZone,
        };
        Response.StatusCode = status;
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var request = new ChangePasswordRequest(currentPassword ?? "", newPassword ?? "");
        if (await TryAsync(async () =>
            {
                await new ChangePasswordRequestValidator().ValidateAndThrowAsync(request, ct);
                await MeEndpoints.ChangePasswordAsync(request, User, bus, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/profile?done=password");
        }

        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Response.StatusCode = status;
        return Page();
    }
}

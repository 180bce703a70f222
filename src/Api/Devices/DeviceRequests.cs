using FluentValidation;
using Ticketing.Domain.Devices;

namespace Ticketing.Api.Devices;

/// <summary><c>POST /api/devices</c>: a customer's device, optionally with its agent id and the contact using it.</summary>
public sealed record CreateDeviceRequest(Guid CustomerId, string Name, DeviceOs? Os, string? AgentId, Guid? ContactId);

/// <summary><c>PUT /api/devices/{id}</c>: name, OS and agent id, replaced.</summary>
public sealed record UpdateDeviceRequest(string Name, DeviceOs? Os, string? AgentId);

/// <summary><c>PUT /api/devices/{id}/contact</c>: the contact using the device, or null for nobody.</summary>
public sealed record AssignDeviceRequest(Guid? ContactId);

public sealed class CreateDeviceRequestValidator : AbstractValidator<CreateDeviceRequest>
{
    public CreateDeviceRequestValidator()
    {
        RuleFor(r => r.CustomerId).NotEmpty();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(DeviceLimits.Name);
        RuleFor(r => r.Os).NotNull().IsInEnum();
        RuleFor(r => r.AgentId).MaximumLength(DeviceLimits.AgentId);
        RuleFor(r => r.ContactId).NotEqual(Guid.Empty);
    }
}

public sealed class UpdateDeviceRequestValidator : AbstractValidator<UpdateDeviceRequest>
{
    public UpdateDeviceRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(DeviceLimits.Name);
        RuleFor(r => r.Os).NotNull().IsInEnum();
        RuleFor(r => r.AgentId).MaximumLength(DeviceLimits.AgentId);
    }
}

public sealed class AssignDeviceRequestValidator : AbstractValidator<AssignDeviceRequest>
{
    public AssignDeviceRequestValidator() => RuleFor(r => r.ContactId).NotEqual(Guid.Empty);
}

/// <summary>Sizes of device fields, shared by the technicians' and the agent's requests.</summary>
public static class DeviceLimits
{
    public const int Name = 200;
    public const int AgentId = 100;
}

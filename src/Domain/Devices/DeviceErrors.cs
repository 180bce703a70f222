namespace Ticketing.Domain.Devices;

/// <summary>Stable codes of device and self-service refusals: clients and tests match on them, so never change one.</summary>
public static class DeviceErrors
{
    public const string NotFound = "device.not_found";
    public const string Retired = "device.retired";
    public const string ContactNotOfCustomer = "device.contact_invalid";
    public const string AgentIdTaken = "device.agent_id_taken";
    public const string EnrolmentKeyInvalid = "device.enrolment_key_invalid";
    public const string ActionNotFound = "device.action_not_found";
    public const string ActionNotPending = "device.action_not_pending";
    public const string ActionAlreadyVerified = "device.action_already_verified";
    public const string TemporaryPasswordRequired = "device.temporary_password_required";
}

using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;
using Ticketing.Application.Persistence;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.SelfService;

/// <summary>An application of the approved catalogue; no customer ids means every customer.</summary>
public sealed record ApprovedApplication(Guid Id, string Name, string? WindowsPackage, string? MacOsPackage, IReadOnlyList<Guid> CustomerIds)
{
    /// <summary>The package id to install on <paramref name="os"/>: Chocolatey on Windows, Homebrew on macOS, none on Linux.</summary>
    public string? PackageFor(DeviceOs os) => os switch
    {
        DeviceOs.Windows => WindowsPackage,
        DeviceOs.MacOs => MacOsPackage,
        _ => null,
    };

    public bool IsFor(Guid customerId) => CustomerIds.Count == 0 || CustomerIds.Contains(customerId);
}

/// <summary>The admin approves an application for self-service installs.</summary>
public sealed record ApproveApplication(string Name, string? WindowsPackage, string? MacOsPackage, IReadOnlyList<Guid> CustomerIds, AuditActor By);

/// <summary>The admin withdraws an application; actions already asked for keep their package id.</summary>
public sealed record WithdrawApplication(Guid Id, AuditActor By);

public static class ApprovedApplicationHandler
{
    public const string NotApproved = "self_service.application_not_approved";
    public const string WrongPlatform = "self_service.application_wrong_platform";

    public static async Task<ApprovedApplication> Handle(ApproveApplication command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var application = new ApprovedApplication(Guid.CreateVersion7(), command.Name, command.WindowsPackage, command.MacOsPackage, command.CustomerIds);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = connection.Sql("""
            insert into self_service_applications (id, name, windows_package, macos_package, customer_ids, created_at, created_by)
            values ($1, $2, $3, $4, $5, $6, $7)
            """).With(application.Id).With(application.Name).With(application.WindowsPackage).With(application.MacOsPackage)
            .WithUuids(application.CustomerIds).With(clock.GetUtcNow()).With(command.By.Id))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(connection, command.By, "self_service_application.approved", "self_service_application", application.Id, null, application, ct);
        await tx.CommitAsync(ct);
        return application;
    }

    public static async Task Handle(WithdrawApplication command, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await FindAsync(dataSource, command.Id, ct) ?? throw new NotFoundException("self_service.application_not_found", $"Application {command.Id} was not found.");
        await using (var delete = connection.Sql("delete from self_service_applications where id = $1").With(command.Id))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(connection, command.By, "self_service_application.withdrawn", "self_service_application", command.Id, before, null, ct);
        await tx.CommitAsync(ct);
    }

    public static async Task<ApprovedApplication?> FindAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken ct) =>
        (await ListAsync(dataSource, id, null, ct)).SingleOrDefault();

    /// <summary>The catalogue, or one application, or what one customer may install; by name.</summary>
    public static async Task<IReadOnlyList<ApprovedApplication>> ListAsync(NpgsqlDataSource dataSource, Guid? id, Guid? customerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            select id, name, windows_package, macos_package, customer_ids from self_service_applications
            where ($1::uuid is null or id = $1) and ($2::uuid is null or customer_ids = '{}' or $2 = any(customer_ids))
            order by name, id
            """).With(id).With(customerId);
        var applications = new List<ApprovedApplication>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applications.Add(new ApprovedApplication(
                reader.GetGuid(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetFieldValue<Guid[]>(4)));
        }

        return applications;
    }

    /// <summary>The package to install on the device: the application must be approved for the customer and offered on the device's platform.</summary>
    public static async Task<string> PackageForAsync(NpgsqlDataSource dataSource, Guid applicationId, Device device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        var application = await FindAsync(dataSource, applicationId, ct);
        if (application is null || !application.IsFor(device.CustomerId))
        {
            throw new UnprocessableException(NotApproved, "The application is not in the approved catalogue for this customer.");
        }

        return application.PackageFor(device.Os)
            ?? throw new UnprocessableException(WrongPlatform, $"The application is not offered on {device.Os}.");
    }
}

namespace Ticketing.Application.Errors;

/// <summary>The resource does not exist or is not visible to the caller (both answer 404: no leaks).</summary>
public sealed class NotFoundException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>An <c>If-Match</c> version no longer matches the resource's current version.</summary>
public sealed class PreconditionFailedException(long expected, long actual)
    : Exception($"The resource is at version {actual}, not {expected}.")
{
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>The input is well-formed but refers to something that cannot be used (422).</summary>
public sealed class UnprocessableException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The change conflicts with data that depends on the current state (409); <see cref="Details"/> become problem extensions.</summary>
public sealed class ConflictException(string code, string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>The request is well-formed JSON but outside a bound the API sets (400 with a stable code, not a field list).</summary>
public sealed class BadRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

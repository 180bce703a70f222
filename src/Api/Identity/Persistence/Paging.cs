using System.Buffers.Text;
using System.Text;
using FluentValidation;
using FluentValidation.Results;

namespace Ticketing.Api.Identity.Persistence;

/// <summary>A keyset page: <see cref="Next"/> is the opaque cursor of the following page, null on the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>Opaque keyset cursors (<c>after</c>) and the page size (<c>limit</c>) of list endpoints.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw Invalid("limit", $"The limit must be between 1 and {MaxLimit}."),
    };

    public static string Cursor(params string[] keys) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', keys)));

    /// <summary>The keys of a cursor made by <see cref="Cursor"/>, or a 400 naming <c>after</c>.</summary>
    public static string[] Keys(string cursor, int count)
    {
        try
        {
            var keys = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
            return keys.Length == count ? keys : throw Invalid("after", "The cursor is not valid.");
        }
        catch (FormatException)
        {
            throw Invalid("after", "The cursor is not valid.");
        }
    }

    public static Guid GuidKey(string value) =>
        Guid.TryParse(value, out var id) ? id : throw Invalid("after", "The cursor is not valid.");

    /// <summary>Trims the extra row fetched to know whether a next page exists.</summary>
    public static Page<T> Of<T>(List<T> rowsPlusOne, int limit, Func<T, string> cursor) =>
        rowsPlusOne.Count > limit
            ? new Page<T>(rowsPlusOne[..limit], cursor(rowsPlusOne[limit - 1]))
            : new Page<T>(rowsPlusOne, null);

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Ticketing.Domain.Tickets;

/// <summary>
/// A ticket number <c>T{yyyyMMdd}.{nnnn}</c> (T2): the date is the MSP's local date at creation, the counter
/// starts at 1 each day and is at least four digits (it grows past 9999). Handing out counters without gaps
/// is the store's job; this type only formats and reads them.
/// </summary>
public readonly partial record struct TicketNumber
{
    private TicketNumber(DateOnly date, int counter)
    {
        Date = date;
        Counter = counter;
    }

    public DateOnly Date { get; }

    public int Counter { get; }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="counter"/> is not positive.</exception>
    public static TicketNumber Create(DateOnly localDate, int counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(counter);
        return new TicketNumber(localDate, counter);
    }

    public static string Format(DateOnly localDate, int counter) => Create(localDate, counter).ToString();

    /// <summary>The MSP's calendar date at <paramref name="utcNow"/>, the date a new number carries.</summary>
    public static DateOnly LocalDate(DateTimeOffset utcNow, TimeZoneInfo mspZone)
    {
        ArgumentNullException.ThrowIfNull(mspZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, mspZone).DateTime);
    }

    /// <summary>Accepts only the canonical form, so one ticket has exactly one spelling.</summary>
    public static bool TryParse(string? text, out TicketNumber number)
    {
        number = default;
        var match = text is null ? Match.Empty : Exact().Match(text);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(match.Groups["counter"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
            || counter <= 0)
        {
            return false;
        }

        number = new TicketNumber(date, counter);
        return number.ToString() == text;
    }

    /// <exception cref="FormatException"><paramref name="text"/> is not a canonical ticket number.</exception>
    public static TicketNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a ticket number.");

    /// <summary>The first ticket number quoted in free text, e.g. a mail subject threading a reply (A5).</summary>
    public static bool TryFindIn(string? text, out TicketNumber number)
    {
        number = default;
        foreach (Match match in Quoted().Matches(text ?? ""))
        {
            if (TryParse(match.Value, out number))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"T{Date:yyyyMMdd}.{Counter:D4}");

    [GeneratedRegex(@"^T(?<date>\d{8})\.(?<counter>\d{4,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex Exact();

    [GeneratedRegex(@"(?<![\w.])T\d{8}\.\d{4,9}(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}

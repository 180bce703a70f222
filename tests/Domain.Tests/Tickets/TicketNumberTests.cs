using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Tests.Tickets;

public class TicketNumberTests
{
    [Fact]
    public void Formats_date_and_four_digit_counter() =>
        TicketNumber.Format(new DateOnly(2026, 11, 22), 1).ShouldBe("T20261122.0001");

    [Fact]
    public void Counter_grows_past_four_digits() =>
        TicketNumber.Format(new DateOnly(2026, 11, 22), 12345).ShouldBe("T20261122.12345");

    [Fact]
    public void Counter_must_be_positive() =>
        Should.Throw<ArgumentOutOfRangeException>(() => TicketNumber.Format(new DateOnly(2026, 11, 22), 0));

    [Theory]
    [InlineData("T20261122.0001", 2026, 11, 22, 1)]
    [InlineData("T20260101.9999", 2026, 1, 1, 9999)]
    [InlineData("T20261231.10000", 2026, 12, 31, 10000)]
    public void Parses_canonical_numbers(string text, int year, int month, int day, int counter)
    {
        var number = TicketNumber.Parse(text);

        number.Date.ShouldBe(new DateOnly(year, month, day));
        number.Counter.ShouldBe(counter);
        number.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("20261122.0001")]
    [InlineData("t20261122.0001")]
    [InlineData("T20261122.001")]
    [InlineData("T20261122.0000")]
    [InlineData("T20261122.01234")]
    [InlineData("T20261322.0001")]
    [InlineData("T20261122.0001 ")]
    public void Refuses_anything_but_the_canonical_form(string? text) =>
        TicketNumber.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_throws_on_garbage() =>
        Should.Throw<FormatException>(() => TicketNumber.Parse("T2026.1"));

    [Fact]
    public void Local_date_is_the_msp_zone_date_not_the_utc_date()
    {
        // 23:30 UTC on the 21st is already the 22nd in Berlin (UTC+1 in November).
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var utc = new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero);

        TicketNumber.LocalDate(utc, berlin).ShouldBe(new DateOnly(2026, 11, 22));
        TicketNumber.LocalDate(utc, TimeZoneInfo.Utc).ShouldBe(new DateOnly(2026, 11, 21));
    }

    [Fact]
    public void Local_date_west_of_utc_can_be_the_day_before()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        TicketNumber.LocalDate(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), newYork)
            .ShouldBe(new DateOnly(2026, 11, 21));
    }

    [Fact]
    public void Finds_a_number_quoted_in_a_mail_subject()
    {
        TicketNumber.TryFindIn("RE: [T20261122.0042] Printer jams", out var number).ShouldBeTrue();

        number.ShouldBe(TicketNumber.Create(new DateOnly(2026, 11, 22), 42));
    }

    [Theory]
    [InlineData("RE: Printer jams")]
    [InlineData("Order XT20261122.0042")]
    [InlineData(null)]
    public void Finds_nothing_when_no_number_is_quoted(string? subject) =>
        TicketNumber.TryFindIn(subject, out _).ShouldBeFalse();
}

namespace Ticketing.Domain.Tickets;

/// <summary>Size limits the domain enforces; request validators reuse them to fail early with the same numbers.</summary>
public static class TicketLimits
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 65_536;
    public const int ReplyMaxLength = 65_536;
    public const int CustomFieldKeyMaxLength = 100;
}

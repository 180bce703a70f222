namespace Ticketing.Bench;

/// <summary>An event about the size of a real ticket event (~400 bytes of JSON), shared by pgbench and the store.</summary>
public static class BenchPayload
{
    public const string EventJson =
        """{"TicketId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d6e","ReplyId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d6f","Author":{"Id":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d70","Kind":"Technician"},"Body":"Thanks for the report. I have restarted the print spooler on the terminal server and cleared the stuck jobs; please try again and reply here if the problem comes back.","Visibility":"Public","TaskfireRelated":false,"Attachments":[],"MirroredFrom":null,"At":"2026-11-22T10:15:00+00:00"}""";

    public const string MetadataJson =
        """{"actorId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d70","actorName":"tech@msp.example","actorRole":"technician","correlationId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d71","causationId":null}""";
}

namespace Ticketing.Api.Attachments;

/// <summary>Reads a multipart form body; a malformed one (no boundary, a truncated or garbled part) is the client's 400.</summary>
public static class MultipartForms
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw new BadHttpRequestException($"The multipart body is malformed: {e.Message}", e);
        }
    }
}

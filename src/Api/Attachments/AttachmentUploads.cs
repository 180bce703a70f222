using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using Ticketing.Application.Attachments;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Attachments;

/// <summary>Validates uploaded files (count, size, name, declared and sniffed type) and stores their bytes.</summary>
public sealed class AttachmentUploads(IAttachmentStore store, IOptions<AttachmentOptions> options)
{
    public async Task<IReadOnlyList<AttachmentMetadata>> SaveAsync(IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var limits = options.Value;
        Validate(files, limits);
        var saved = new List<AttachmentMetadata>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var contentType = file.ContentType.Split(';')[0].Trim().ToLowerInvariant();
            await using var stream = file.OpenReadStream();
            var head = new byte[16];
            var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            if (!ContentSniffing.Matches(contentType, head.AsSpan(0, headLength)))
            {
                throw Invalid($"files[{i}]", $"The file does not look like {contentType}.");
            }

            stream.Position = 0;
            StoredContent stored;
            try
            {
                stored = await store.SaveAsync(stream, limits.MaxBytes, ct);
            }
            catch (AttachmentTooLargeException)
            {
                throw Invalid($"files[{i}]", $"A file may hold at most {limits.MaxBytes} bytes.");
            }

            saved.Add(new AttachmentMetadata(Guid.CreateVersion7(), FileNames.Sanitise(file.FileName), contentType, stored.Size, stored.Sha256));
        }

        return saved;
    }

    private static void Validate(IReadOnlyList<IFormFile> files, AttachmentOptions limits)
    {
        if (files.Count > limits.MaxFilesPerRequest)
        {
            throw Invalid("files", $"At most {limits.MaxFilesPerRequest} files per request.");
        }

        for (var i = 0; i < files.Count; i++)
        {
            var contentType = files[i].ContentType?.Split(';')[0].Trim() ?? "";
            if (files[i].Length > limits.MaxBytes)
            {
                throw Invalid($"files[{i}]", $"A file may hold at most {limits.MaxBytes} bytes.");
            }

            if (!limits.AllowedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid($"files[{i}]", $"The content type '{contentType}' is not accepted.");
            }
        }
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

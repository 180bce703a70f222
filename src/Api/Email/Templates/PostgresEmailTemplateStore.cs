using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Templates;

/// <summary>
/// Templates from <c>email_templates</c> (an admin's override per kind and language) over the built-in defaults.
/// Lookup order: override in the language, default in the language, override in English, default in English.
/// </summary>
public sealed class PostgresEmailTemplateStore(NpgsqlDataSource dataSource) : IEmailTemplateStore
{
    public async Task<EmailTemplate> GetAsync(string kind, string language, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await FindAsync(connection, kind, language, ct);
    }

    /// <summary>The template on the caller's connection (and transaction), for mail rendered when it is queued.</summary>
    public static async Task<EmailTemplate> FindAsync(NpgsqlConnection connection, string kind, string language, CancellationToken ct)
    {
        var hasDefault = EmailTemplateDefaults.LanguagesWithTemplates.Contains(language);
        await using var select = connection.Sql("""
            select language, subject, body_text, body_html from email_templates
            where kind = $1 and language in ($2, $3)
            order by language = $2 desc
            limit 1
            """).With(kind).With(language).With(EmailTemplateDefaults.FallbackLanguage);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
        {
            var overrideLanguage = reader.GetString(0);
            // An English override must not hide the built-in text of the recipient's own language.
            if (overrideLanguage == language || !hasDefault)
            {
                return new EmailTemplate(kind, overrideLanguage, reader.GetString(1), reader.GetString(2), reader.GetNullableString(3));
            }
        }

        return EmailTemplateDefaults.Find(kind, language) ?? throw new UnknownEmailKindException(kind);
    }
}

/// <summary>A queued mail names a kind nobody has a template for: it cannot be sent, now or later.</summary>
public sealed class UnknownEmailKindException(string kind) : Exception($"There is no email template of kind '{kind}'.");

using Npgsql;
using Ticketing.Application.Errors;

namespace Ticketing.Application.KnowledgeBase;

/// <summary>Stable error codes of the knowledge-base endpoints.</summary>
public static class KnowledgeBaseErrors
{
    public const string CategoryNotFound = "knowledge_base.category_not_found";
    public const string SectionNotFound = "knowledge_base.section_not_found";
    public const string ArticleNotFound = "knowledge_base.article_not_found";
    public const string FileNotFound = "knowledge_base.file_not_found";
    public const string CategoryNotEmpty = "knowledge_base.category_not_empty";
    public const string SectionNotEmpty = "knowledge_base.section_not_empty";
    public const string UnknownCustomer = "knowledge_base.unknown_customer";
    public const string UnknownCategory = "knowledge_base.unknown_category";
    public const string UnknownSection = "knowledge_base.unknown_section";
    public const string PortalDisabled = "portal.knowledge_base_disabled";

    public static NotFoundException Category(Guid id) => new(CategoryNotFound, $"Category {id} does not exist.");

    public static NotFoundException Section(Guid id) => new(SectionNotFound, $"Section {id} does not exist.");

    /// <summary>Also the answer for an article the caller may not see: a hidden article is indistinguishable from none.</summary>
    public static NotFoundException Article(Guid id) => new(ArticleNotFound, $"Article {id} does not exist.");

    public static NotFoundException File(Guid id) => new(FileNotFound, $"File {id} does not exist.");

    /// <summary>
    /// A reference in the body (customer, category, section) that names nothing: well-formed, but unusable (422).
    /// The foreign keys find it inside the write's transaction, so nothing is left half-written.
    /// </summary>
    public static async Task GuardReferencesAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw e.ConstraintName switch
            {
                "kb_sections_category_id_fkey" => new UnprocessableException(UnknownCategory, "The category does not exist."),
                "kb_articles_section_id_fkey" => new UnprocessableException(UnknownSection, "The section does not exist."),
                _ when e.ConstraintName?.EndsWith("customer_id_fkey", StringComparison.Ordinal) == true =>
                    new UnprocessableException(UnknownCustomer, "A customer in customerIds does not exist."),
                _ => e,
            };
        }
    }
}

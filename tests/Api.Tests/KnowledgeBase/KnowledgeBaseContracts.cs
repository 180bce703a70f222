namespace Ticketing.Api.Tests.KnowledgeBase;

// The knowledge base's bodies as a client sees them on the wire, written here rather than borrowed from the server so
// the tests prove the contract. Read with ApiUserScenarios.Read: every member listed must be present.

public sealed record CategoryBody(
    Guid Id, string Name, string Description, int Position, bool VisibleToAll, IReadOnlyList<Guid> CustomerIds, int Version,
    DateTimeOffset CreatedAt, Guid? CreatedBy, DateTimeOffset UpdatedAt, Guid? UpdatedBy);

public sealed record SectionBody(
    Guid Id, Guid CategoryId, string Name, string Description, int Position, int Version, DateTimeOffset CreatedAt, Guid? CreatedBy,
    DateTimeOffset UpdatedAt, Guid? UpdatedBy);

/// <summary>One category of the authoring tree (<c>GET /api/kb/categories</c>) with its sections' article counts.</summary>
public sealed record CategoryNodeBody(CategoryBody Category, IReadOnlyList<SectionNodeBody> Sections);

public sealed record SectionNodeBody(SectionBody Section, int Articles, int Published);

public sealed record ArticleFileBody(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset AddedAt);

/// <summary>The ratings of an article; <see cref="Mine"/> is the caller's own verdict, null when it has none.</summary>
public sealed record RatingBody(int Helpful, int NotHelpful, bool? Mine);

/// <summary>An article as the authoring API returns it: Markdown source, sanitised HTML preview, visibility lists.</summary>
public sealed record ArticleBody(
    Guid Id, Guid SectionId, Guid CategoryId, string Title, string BodyMarkdown, string BodyHtml, IReadOnlyList<string> Keywords,
    string Language, bool Published, bool VisibleToAll, IReadOnlyList<Guid> CustomerIds, IReadOnlyList<ArticleFileBody> Files,
    RatingBody Rating, int Version, DateTimeOffset CreatedAt, Guid? CreatedBy, DateTimeOffset UpdatedAt, Guid? UpdatedBy);

public sealed record ArticleListItemBody(Guid Id, string Title, string Language, bool Published, bool VisibleToAll, DateTimeOffset UpdatedAt);

/// <summary>One hit of a search; <see cref="Snippet"/> is HTML with the matches in <c>mark</c> tags.</summary>
public sealed record SearchHitBody(
    Guid Id, string Title, Guid SectionId, Guid CategoryId, string Language, bool Published, DateTimeOffset UpdatedAt, float Rank, string Snippet);

public sealed record PortalCategoryBody(Guid Id, string Name, string Description, IReadOnlyList<PortalSectionBody> Sections);

public sealed record PortalSectionBody(Guid Id, string Name, string Description);

public sealed record PortalArticleListItemBody(Guid Id, string Title, IReadOnlyList<string> Keywords, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An article as a contact reads it: HTML only, no Markdown source and no visibility lists.</summary>
public sealed record PortalArticleBody(
    Guid Id, string Title, string BodyHtml, IReadOnlyList<string> Keywords, string Language, Guid CategoryId, string CategoryName,
    Guid SectionId, string SectionName, IReadOnlyList<ArticleFileBody> Files, RatingBody Rating, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

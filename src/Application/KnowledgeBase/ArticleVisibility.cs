namespace Ticketing.Application.KnowledgeBase;

/// <summary>
/// Which articles a customer's contacts may read: published ones that both their category and themselves admit the
/// customer to. SQL, so every portal query and write applies it inside the statement, never afterwards.
/// </summary>
public static class ArticleVisibility
{
    /// <summary>A condition over the aliases <c>a</c> (article) and <c>c</c> (category); <c>$1</c> is the customer id.</summary>
    public const string ToCustomer = """
        a.published
        and (a.visible_to_all or exists (select 1 from kb_article_customers ac where ac.article_id = a.id and ac.customer_id = $1))
        and (c.visible_to_all or exists (select 1 from kb_category_customers cc where cc.category_id = c.id and cc.customer_id = $1))
        """;
}

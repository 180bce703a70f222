using System.Net;
using System.Text;

namespace Ticketing.Api.KnowledgeBase.Search;

/// <summary>
/// ts_headline marks matches with two private-use characters that article text cannot contain (the search
/// query strips them first). Everything between the markers is HTML-encoded here, and only the markers
/// become <c>&lt;mark&gt;</c> tags, so a snippet is safe to insert as HTML whatever the article says.
/// </summary>
public static class Snippets
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';

    /// <summary>The ts_headline options: short fragments around the best matches.</summary>
    public const string HeadlineOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=\" … \"";

    public static string ToHtml(string headline)
    {
        var html = new StringBuilder(headline.Length + 32);
        var open = false;
        var segmentStart = 0;
        for (var i = 0; i <= headline.Length; i++)
        {
            if (i < headline.Length && headline[i] != Start && headline[i] != Stop)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(headline[segmentStart..i]));
            if (i < headline.Length)
            {
                var opens = headline[i] == Start;
                if (opens != open)
                {
                    html.Append(opens ? "<mark>" : "</mark>");
                    open = opens;
                }
            }

            segmentStart = i + 1;
        }

        return open ? html.Append("</mark>").ToString() : html.ToString();
    }
}

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// The resource type of the portal pages' texts (<c>PortalPageTexts.{language}.resx</c>): a text's key is its English
/// wording, so a page shows English wherever a language has no entry yet.
/// </summary>
public sealed class PortalPageTexts;

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// The pages' texts (<see cref="PortalPageTexts"/>) as <see cref="ResourceManagerStringLocalizer"/> finds them, remembered
/// per language and key. A list page looks up some forty texts; the resource manager takes a lock, walks the culture
/// fallback and builds a cache key string for each lookup, which made the texts a measurable part of a page's CPU
/// (issue 17). The keys are the pages' literals, so the memory is bounded by texts × languages.
/// </summary>
public sealed class PortalPageLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<PortalPageTexts>
{
    // Far above texts × languages; a guard against a key that is not a literal, never reached by the pages.
    private const int MaxEntries = 20_000;

    private readonly IStringLocalizer _inner = factory.Create(typeof(PortalPageTexts));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_texts.TryGetValue(key, out var text))
            {
                return text;
            }

            text = _inner[name];
            if (_texts.Count < MaxEntries)
            {
                _texts.TryAdd(key, text);
            }

            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}

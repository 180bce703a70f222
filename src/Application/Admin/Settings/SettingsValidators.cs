using FluentValidation;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Admin.Settings;

/// <summary>Shape of the portal section; statuses are resolved against the catalogue when read (unknown ones match nothing).</summary>
public sealed class PortalSectionValidator : AbstractValidator<PortalSection>
{
    public PortalSectionValidator()
    {
        RuleFor(x => x.PortalUrl)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            .When(x => !string.IsNullOrWhiteSpace(x.PortalUrl))
            .WithMessage("The portal URL must be an absolute http(s) address.");
        RuleFor(x => x.MspTimeZone).NotEmpty()
            .Must(IsIanaZone).WithMessage(x => $"'{x.MspTimeZone}' is not an IANA time zone id (e.g. Europe/Zurich).");
        RuleFor(x => x.VisibleStatuses).NotNull();
        RuleForEach(x => x.VisibleStatuses).NotEmpty();
        RuleFor(x => x.MspName).MaximumLength(100);
        RuleFor(x => x.LogoUrl).MaximumLength(2000)
            .Must(url => url!.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
                || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "https")
            .When(x => !string.IsNullOrWhiteSpace(x.LogoUrl))
            .WithMessage("The logo must be an https address or a path on the portal's host.");
        RuleFor(x => x.AccentColour)
            .Matches("^#[0-9a-fA-F]{6}$").When(x => x.AccentColour is not null)
            .WithMessage("The accent colour is #rrggbb.");
    }

    // Windows ids are converted by FindSystemTimeZoneById on Linux too; only IANA ids are stored, so every node agrees.
    private static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}

/// <summary>A2: known default fields with a rule they admit; custom fields Editable or Hidden, typed, keyed once.</summary>
public sealed class FieldsSectionValidator : AbstractValidator<FieldsSection>
{
    public FieldsSectionValidator()
    {
        RuleFor(x => x.Fields).NotNull();
        RuleFor(x => x.CustomFields).NotNull();
        RuleFor(x => x.Fields).Custom((fields, context) =>
        {
            foreach (var (name, setting) in fields ?? new Dictionary<string, PortalFieldSetting>())
            {
                if (!PortalFields.All.Contains(name, StringComparer.Ordinal))
                {
                    context.AddFailure($"Fields.{name}", $"'{name}' is not a portal field ({string.Join(", ", PortalFields.All)}).");
                }
                else if (setting is null || !PortalFields.AllowedRules(name).Contains(setting.Rule))
                {
                    context.AddFailure($"Fields.{name}",
                        $"'{name}' cannot be {setting?.Rule}; allowed: {string.Join(", ", PortalFields.AllowedRules(name))}.");
                }
            }
        });
        RuleForEach(x => x.CustomFields).ChildRules(field =>
        {
            field.RuleFor(f => f.Key).NotEmpty().Matches("^[A-Za-z][A-Za-z0-9_-]{0,63}$")
                .WithMessage("A custom field key is a letter then letters, digits, '-' or '_' (64 at most).");
            field.RuleFor(f => f.Label).NotEmpty().MaximumLength(200);
            field.RuleFor(f => f.Type).IsInEnum();
            field.RuleFor(f => f.Rule).Must(rule => rule is PortalFieldRule.Editable or PortalFieldRule.Hidden)
                .WithMessage(f => $"Custom field '{f.Key}' can be Editable or Hidden, not {f.Rule}.");
            field.RuleFor(f => f.Options).NotEmpty().When(f => f.Type == CustomFieldType.Select)
                .WithMessage(f => $"Select field '{f.Key}' needs options.");
            field.RuleFor(f => f.Options).Must(o => o is null || o.Count == 0).When(f => f.Type != CustomFieldType.Select)
                .WithMessage(f => $"Only select fields have options ('{f.Key}' is {f.Type}).");
            field.RuleFor(f => f.Options).Must(Unique!).When(f => f.Options is not null)
                .WithMessage(f => $"Field '{f.Key}' lists an option twice.");
        });
        RuleFor(x => x.CustomFields).Must(c => Unique(c.Select(f => f.Key))).When(x => x.CustomFields is not null)
            .WithMessage("Custom field keys must be unique.");
    }

    internal static bool Unique(IEnumerable<string?> values) =>
        values.Where(v => v is not null).GroupBy(v => v!.Trim(), StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1);
}

/// <summary>A3: unique names, issue types naming known queues, custom statuses clear of the built-ins.</summary>
public sealed class CataloguesSectionValidator : AbstractValidator<CataloguesSection>
{
    private static readonly StatusDefinition[] BuiltIns =
        [StatusCatalogue.Open, StatusCatalogue.Pending, StatusCatalogue.Resolved, StatusCatalogue.Closed];

    public CataloguesSectionValidator()
    {
        RuleFor(x => x.Queues).NotNull();
        RuleFor(x => x.IssueTypes).NotNull();
        RuleFor(x => x.WorkTypes).NotNull();
        RuleFor(x => x.CustomStatuses).NotNull();
        RuleForEach(x => x.Queues).NotEmpty().MaximumLength(200);
        RuleForEach(x => x.WorkTypes).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Queues).Must(FieldsSectionValidator.Unique!).When(x => x.Queues is not null).WithMessage("Queue names must be unique.");
        RuleFor(x => x.WorkTypes).Must(FieldsSectionValidator.Unique!).When(x => x.WorkTypes is not null).WithMessage("Work types must be unique.");
        RuleFor(x => x.DefaultQueue).Must((x, queue) => x.Queues?.Contains(queue!, StringComparer.Ordinal) == true)
            .When(x => !string.IsNullOrWhiteSpace(x.DefaultQueue))
            .WithMessage(x => $"The default queue '{x.DefaultQueue}' is not in the queues.");

        RuleForEach(x => x.IssueTypes).ChildRules(type =>
        {
            type.RuleFor(t => t.Key).NotEmpty().MaximumLength(100);
        });
        RuleForEach(x => x.IssueTypes)
            .Must((x, type) => string.IsNullOrWhiteSpace(type.Queue) || x.Queues?.Contains(type.Queue, StringComparer.Ordinal) == true)
            .WithMessage((_, type) => $"Issue type '{type.Key}' names queue '{type.Queue}', which is not in the queues.");
        RuleFor(x => x.IssueTypes).Must(t => FieldsSectionValidator.Unique(t.Select(i => i.Key))).When(x => x.IssueTypes is not null)
            .WithMessage("Issue type keys must be unique.");

        RuleForEach(x => x.CustomStatuses).ChildRules(status =>
        {
            status.RuleFor(s => s.Id).NotEmpty().Matches("^[a-z][a-z0-9-]{0,63}$")
                .WithMessage("A status id is lower-case letters, digits and '-' (64 at most).");
            status.RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
            status.RuleFor(s => s.Category).IsInEnum();
        });
        RuleFor(x => x.CustomStatuses)
            .Must(s => FieldsSectionValidator.Unique(s.Select(d => d.Id).Concat(BuiltIns.Select(b => b.Id))))
            .When(x => x.CustomStatuses is not null)
            .WithMessage("Status ids must be unique and differ from open, pending, resolved and closed.");
        RuleFor(x => x.CustomStatuses)
            .Must(s => FieldsSectionValidator.Unique(s.Select(d => d.Name).Concat(BuiltIns.Select(b => b.Name))))
            .When(x => x.CustomStatuses is not null)
            .WithMessage("Status names must be unique and differ from the built-in ones.");
    }
}

using FluentValidation;
using Ticketing.Application.Workflow.Rules;
using Ticketing.Domain.Workflow;

namespace Ticketing.Api.Workflow;

/// <summary>Shape only: known trigger, fields, operators and actions, each with the value it needs.</summary>
public sealed class WorkflowRuleRequestValidator : AbstractValidator<WorkflowRuleRequest>
{
    public WorkflowRuleRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Trigger).NotEmpty()
            .Must(t => WorkflowRuleVocabulary.Triggers.ContainsKey(t!))
            .WithMessage(r => $"Unknown trigger '{r.Trigger}'; use ticket_created or ticket_updated.")
            .When(r => r.Trigger is not null);
        RuleFor(r => r.Position).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Conditions).Must(c => c!.Count <= 50).When(r => r.Conditions is not null);
        RuleForEach(r => r.Conditions).NotNull().SetValidator(new ConditionValidator());
        RuleFor(r => r.Actions).NotEmpty().Must(a => a!.Count <= 20);
        RuleForEach(r => r.Actions).NotNull().SetValidator(new ActionValidator());
    }

    private sealed class ConditionValidator : AbstractValidator<WorkflowConditionBody>
    {
        public ConditionValidator()
        {
            RuleFor(c => c.Unknown).Must(u => u is null || u.Count == 0)
                .OverridePropertyName("condition").WithMessage(c => $"Unknown property '{c.Unknown!.Keys.First()}' in a condition.");
            RuleFor(c => c.Field).NotEmpty()
                .Must(WorkflowFields.IsKnown).WithMessage(c => $"Unknown field '{c.Field}'.").When(c => c.Field is not null);
            RuleFor(c => c.Op).NotEmpty()
                .Must(o => WorkflowRuleVocabulary.Operators.ContainsKey(o!)).WithMessage(c => $"Unknown operator '{c.Op}'; use eq, neq, in or contains.")
                .When(c => c.Op is not null);
            RuleFor(c => c.Values).NotEmpty().WithMessage("'in' needs a non-empty list of values.").When(c => c.Op == "in");
            RuleForEach(c => c.Values).NotNull().When(c => c.Op == "in");
            RuleFor(c => c.Value).NotEmpty().WithMessage(c => $"'{c.Op}' needs a value.")
                .When(c => c.Op is "eq" or "neq" or "contains");
        }
    }

    private sealed class ActionValidator : AbstractValidator<WorkflowActionBody>
    {
        public ActionValidator()
        {
            RuleFor(a => a.Unknown).Must(u => u is null || u.Count == 0)
                .OverridePropertyName("action").WithMessage(a => $"Unknown action '{a.Unknown!.Keys.First()}'; use set or notify.");
            RuleFor(a => a).Must(a => (a.Set is null) != (a.Notify is null))
                .OverridePropertyName("action").WithMessage("An action is either { \"set\": ..., \"value\": ... } or { \"notify\": ... }.");
            RuleFor(a => a.Set).Must(s => WorkflowRuleVocabulary.SetTargets.ContainsKey(s!))
                .WithMessage(a => $"Unknown action 'set: {a.Set}'; use workType, queue, priority, status or assignee.")
                .When(a => a.Set is not null);
            RuleFor(a => a.Value).NotEmpty().WithMessage("A status action needs a status.").When(a => a.Set == "status");
            RuleFor(a => a.Value).Must(v => Guid.TryParse(v, out var id) && id != Guid.Empty)
                .WithMessage("An assignee is a user id (or null to unassign).").When(a => a.Set == "assignee" && a.Value is not null);
            RuleFor(a => a.Notify).Must(IsRecipient)
                .WithMessage(a => $"Unknown recipient '{a.Notify}'; use an email address or a user id.").When(a => a.Notify is not null);
        }

        private static bool IsRecipient(string? recipient) =>
            recipient is { Length: > 0 and <= 320 } r
            && (Guid.TryParse(r, out _) || (r.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < r.Trim().Length - 1 && !r.Contains(' ', StringComparison.Ordinal)));
    }
}

using FluentValidation;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>Shape checks only; rules that depend on the ticket's state live in the domain's Decide.</summary>
public sealed class CreateTicketRequestValidator : AbstractValidator<CreateTicketRequest>
{
    public CreateTicketRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(TicketLimits.TitleMaxLength);
        RuleFor(r => r.Description).MaximumLength(TicketLimits.DescriptionMaxLength);
        RuleFor(r => r.CustomerId).NotEmpty();
        RuleFor(r => r.Source).IsInEnum();
        RuleForEach(r => new[] { r.Status, r.Priority, r.Impact, r.Type, r.ProductFamily, r.Queue, r.IssueType, r.WorkType })
            .MaximumLength(PicklistValue.MaxLength).OverridePropertyName("picklistValue");
        RuleFor(r => r.CustomFields).Must(CustomFieldShape.IsValid!).When(r => r.CustomFields is not null)
            .WithMessage(CustomFieldShape.Message);
    }
}

public sealed class ChangeStatusRequestValidator : AbstractValidator<ChangeStatusRequest>
{
    public ChangeStatusRequestValidator() => RuleFor(r => r.Status).NotEmpty().MaximumLength(PicklistValue.MaxLength);
}

public sealed class PostReplyRequestValidator : AbstractValidator<PostReplyRequest>
{
    public PostReplyRequestValidator()
    {
        RuleFor(r => r.Body).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
        RuleFor(r => r.Visibility).IsInEnum();
    }
}

public sealed class AssignToTaskfireRequestValidator : AbstractValidator<AssignToTaskfireRequest>
{
    public AssignToTaskfireRequestValidator()
    {
        RuleFor(r => r.Queue).NotEmpty().MaximumLength(PicklistValue.MaxLength);
        RuleFor(r => r.ResourceId).NotEmpty();
        RuleFor(r => r.Note).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
    }
}

public sealed class ChangeTaskfireResourceRequestValidator : AbstractValidator<ChangeTaskfireResourceRequest>
{
    public ChangeTaskfireResourceRequestValidator() => RuleFor(r => r.ResourceId).NotEmpty();
}

public sealed class TaskfireWorkCompleteRequestValidator : AbstractValidator<TaskfireWorkCompleteRequest>
{
    public TaskfireWorkCompleteRequestValidator()
    {
        RuleFor(r => r.Note).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
        RuleFor(r => r.Status).MaximumLength(PicklistValue.MaxLength);
    }
}

public sealed class TaskfireQuestionRequestValidator : AbstractValidator<TaskfireQuestionRequest>
{
    public TaskfireQuestionRequestValidator() => RuleFor(r => r.Question).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
}

/// <summary>Bounds shared by every picklist-valued field (priority, queue, status...).</summary>
public static class PicklistValue
{
    public const int MaxLength = 100;
}

/// <summary>Custom field keys and values are bounded so a request cannot grow a ticket without limit.</summary>
public static class CustomFieldShape
{
    public const string Message = "At most 100 custom fields, keys of 1–100 characters, values of at most 4,000.";

    public static bool IsValid(IReadOnlyDictionary<string, string?> fields) =>
        fields.Count <= 100 && fields.All(f => f.Key.Length is > 0 and <= 100 && (f.Value?.Length ?? 0) <= 4000);
}

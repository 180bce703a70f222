using FluentValidation;

namespace Ticketing.Api.KnowledgeBase;

/// <summary>Shape rules shared by the category and article requests' visibility fields.</summary>
internal static class VisibilityRules
{
    public const int MaxCustomers = 1000;

    /// <summary>"All customers" and a customer list together would be ambiguous, so one excludes the other.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> ValidCustomerIds<T>(
        this IRuleBuilder<T, IReadOnlyList<Guid>?> rule, Func<T, bool> visibleToAll) => rule
        .Must(ids => ids is null || ids.Count <= MaxCustomers).WithMessage($"At most {MaxCustomers} customers.")
        .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("A customer id may not be empty.")
        .Must((request, ids) => !visibleToAll(request) || ids is null || ids.Count == 0)
        .WithMessage("Leave customerIds empty when visibleToAll is true.");

    public static Guid[] Normalised(IReadOnlyList<Guid>? customerIds) => [.. (customerIds ?? []).Distinct().Order()];
}

using FluentValidation;

namespace Ticketing.Api.Identity.Accounts;

/// <summary>
/// The minimum password policy: at least <see cref="MinimumLength"/> characters and at least two of
/// lower case, upper case, digits and other characters (so not "all one class").
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    public static bool IsSatisfiedBy(string? password) =>
        password is { Length: >= MinimumLength and <= MaximumLength } && CharacterClasses(password) >= 2;

    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty()
        .Must(IsSatisfiedBy)
        .WithMessage($"The password needs {MinimumLength} to {MaximumLength} characters, mixing at least two of: lower case, upper case, digits, symbols.");

    private static int CharacterClasses(string password) =>
        (password.Any(char.IsLower) ? 1 : 0)
        + (password.Any(char.IsUpper) ? 1 : 0)
        + (password.Any(char.IsDigit) ? 1 : 0)
        + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
}

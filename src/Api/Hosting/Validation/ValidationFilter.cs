using FluentValidation;
using FluentValidation.Results;

namespace Ticketing.Api.Hosting.Validation;

/// <summary>
/// Runs the registered <see cref="IValidator{T}"/> on the endpoint's <typeparamref name="T"/> argument and throws
/// <see cref="ValidationException"/> (answered 400 with the failing fields) before the handler runs.
/// Use it with <c>.Validate&lt;T&gt;()</c> on a route.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault()
            ?? throw new ValidationException([new ValidationFailure("request", "A request body is required.")]);
        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            throw new ValidationException(result.Errors);
        }

        return await next(context);
    }
}

/// <summary>Attaches <see cref="ValidationFilter{T}"/> to a route.</summary>
public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder route) => route.AddEndpointFilter<ValidationFilter<T>>();
}

using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Attachments;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>A query-string parameter the handler binds, with the type it is bound to.</summary>
public sealed record QueryParameter(string Name, Type Type);

/// <summary>One method of one API route, with what the fuzzer can learn of its inputs from the endpoint's metadata.</summary>
public sealed record FuzzTarget(
    string Method,
    string Pattern,
    IReadOnlyList<string> RouteParameters,
    IReadOnlyList<BodyProperty>? JsonBody,
    bool Multipart,
    IReadOnlyList<QueryParameter> Query,
    bool Anonymous,
    bool TicketCommand)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every API endpoint of the running host, read from its <see cref="EndpointDataSource"/>: an endpoint added later is
/// fuzzed without touching this file. Body shapes come from the endpoint's <see cref="IAcceptsMetadata"/> request type,
/// query parameters from the handler's signature.
/// </summary>
public static class FuzzTargets
{
    // Bodies bound as raw JSON (merge-patch style) name the ticket fields; their shape is the one thing not in metadata.
    private static readonly IReadOnlyList<BodyProperty> TicketFields =
    [
        new("title", JsonKind.String, false), new("description", JsonKind.String, true), new("priority", JsonKind.String, true),
        new("impact", JsonKind.String, true), new("type", JsonKind.String, true), new("productFamily", JsonKind.String, true),
        new("queue", JsonKind.String, true), new("issueType", JsonKind.String, true), new("customFields", JsonKind.Map, true),
    ];

    private static readonly HashSet<Type> SimpleTypes =
        [typeof(string), typeof(Guid), typeof(int), typeof(long), typeof(bool), typeof(DateTimeOffset), typeof(DateTime), typeof(DateOnly)];

    public static IReadOnlyList<FuzzTarget> Discover(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true);
        return [.. endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Target(e, m)))
            .OrderBy(t => t.Pattern, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal)];
    }

    private static FuzzTarget Target(RouteEndpoint endpoint, string method)
    {
        var pattern = endpoint.RoutePattern.RawText!;
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        var accepts = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is not null);
        var contentTypes = accepts?.ContentTypes ?? [];
        var json = contentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase));
        var takesFiles = handler?.GetParameters().Any(p => p.ParameterType == typeof(AttachmentUploads)) == true;
        IReadOnlyList<BodyProperty>? body = !json ? null
            : accepts!.RequestType == typeof(JsonElement) ? (pattern.Contains("tickets", StringComparison.Ordinal) ? TicketFields : [])
            : BodyShape.Of(accepts.RequestType!);
        return new FuzzTarget(
            method, pattern, routeNames, body,
            Multipart: contentTypes.Contains("multipart/form-data") || (!json && takesFiles),
            Query: handler is null ? [] : [.. QueryOf(handler, routeNames, accepts?.RequestType)],
            Anonymous: endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            TicketCommand: method != "GET" && pattern.Contains("tickets/{id:guid}", StringComparison.Ordinal));
    }

    private static IEnumerable<QueryParameter> QueryOf(MethodInfo handler, List<string> routeNames, Type? bodyType)
    {
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var inner in parameter.ParameterType.GetProperties().Where(p => IsSimple(p.PropertyType)))
                {
                    yield return new QueryParameter(JsonNamingPolicy.CamelCase.ConvertName(inner.Name), inner.PropertyType);
                }
            }
            else if (IsSimple(parameter.ParameterType) && !routeNames.Contains(parameter.Name!, StringComparer.OrdinalIgnoreCase)
                && parameter.ParameterType != bodyType && parameter.GetCustomAttribute<FromHeaderAttribute>() is null
                && parameter.GetCustomAttribute<FromServicesAttribute>() is null)
            {
                yield return new QueryParameter(parameter.Name!, parameter.ParameterType);
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || SimpleTypes.Contains(t);
    }
}

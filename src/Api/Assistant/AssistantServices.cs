using System.ClientModel;
using System.Net.Http.Headers;
using FluentValidation;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using Ticketing.Application.Telemetry;

namespace Ticketing.Api.Assistant;

/// <summary>Service registration of the portal assistant (P12, ADR 0031): its options, its model if one is configured, its rate limit.</summary>
public static class AssistantServices
{
    public static WebApplicationBuilder AddAssistant(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(AssistantOptions.Section).Get<AssistantOptions>() ?? new AssistantOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new AssistantModel(Client(options)));
        builder.Services.AddScoped<AssistantResponder>();
        builder.Services.AddAssistantRateLimiting();
        builder.Services.AddValidatorsFromAssemblyContaining<AssistantMessageRequestValidator>(
            ServiceLifetime.Singleton, filter: v => v.ValidatorType.Namespace == typeof(AssistantServices).Namespace);
        return builder;
    }

    /// <summary>
    /// The configured model as an <see cref="IChatClient"/>: an OpenAI-compatible chat-completions endpoint (the
    /// default provider) or an Ollama server, each call traced; null without a URL and model (retrieval answers only).
    /// </summary>
    public static IChatClient? Client(AssistantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ModelConfigured)
        {
            return null;
        }

        var url = new Uri(options.Url!.TrimEnd('/') + "/");
        if (string.Equals(options.Provider, "ollama", StringComparison.OrdinalIgnoreCase))
        {
#pragma warning disable CA2000 // owned by the client, which lives as long as the host
            var http = new HttpClient { BaseAddress = url, Timeout = options.Timeout };
#pragma warning restore CA2000
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            }

            return Traced(new OllamaApiClient(http, options.Model!));
        }

        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey),
            new OpenAIClientOptions { Endpoint = url, NetworkTimeout = options.Timeout });
        return Traced(client.GetChatClient(options.Model!).AsIChatClient());
    }

    /// <summary>
    /// A span (and the GenAI duration and token metrics) per model call on our source (issue 20): model, provider and
    /// token counts only; never the messages, the answer or the tools' arguments.
    /// </summary>
    private static IChatClient Traced(IChatClient client) =>
        client.AsBuilder().UseOpenTelemetry(sourceName: TicketingMetrics.Name, configure: c => c.EnableSensitiveData = false).Build();

    public static IEndpointRouteBuilder MapAssistant(this IEndpointRouteBuilder routes) => routes.MapAssistantEndpoints();
}

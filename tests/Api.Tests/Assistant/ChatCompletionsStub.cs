using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ticketing.Api.Tests.Assistant;

/// <summary>
/// A local HTTP server speaking the OpenAI chat-completions protocol (non-streaming), on a free loopback port. It
/// records every request body it is sent and answers with the next scripted reply, else with a plain text answer;
/// <see cref="Failing"/> makes it answer 500.
/// </summary>
public sealed class ChatCompletionsStub : IAsyncDisposable
{
    public const string DefaultAnswer = "The stub model's answer.";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<object> _script = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public bool Failing { get; set; }

    public string Url { get; }

    public ChatCompletionsStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            Requests.Enqueue(await reader.ReadToEndAsync());
            if (Failing)
            {
                return Results.StatusCode(500);
            }

            var message = _script.TryDequeue(out var scripted) ? scripted : new { role = "assistant", content = DefaultAnswer };
            return Results.Json(new
            {
                id = $"chatcmpl-{Guid.NewGuid():N}",
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model = "stub",
                choices = new[] { new { index = 0, message, finish_reason = message is ToolCalls ? "tool_calls" : "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
    }

    /// <summary>The next answer calls <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    public void CallToolNext(string name, object arguments) =>
        _script.Enqueue(new ToolCalls("assistant", null,
            [new ToolCall($"call_{Guid.NewGuid():N}", "function", new FunctionCall(name, JsonSerializer.Serialize(arguments)))]));

    /// <summary>Everything the model was sent, as one text.</summary>
    public string Sent => string.Join("\n", Requests);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

#pragma warning disable IDE1006, SA1300 // the wire's names
    private sealed record ToolCalls(string role, string? content, ToolCall[] tool_calls);

    private sealed record ToolCall(string id, string type, FunctionCall function);

    private sealed record FunctionCall(string name, string arguments);
#pragma warning restore IDE1006, SA1300
}

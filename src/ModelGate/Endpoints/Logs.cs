using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Protocol;

namespace ModelGate.Endpoints;

/// <summary>ModelGate's logs extension: GET /v2/logs[?lines=N&amp;model=m] (recent lines), GET /v2/logs/stream[?model=m] (live, as server-sent events).</summary>
public static class Logs
{
    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        app.MapGet("/v2/logs", context =>
        {
            var lines = int.TryParse(context.Request.Query["lines"], out var n) && n > 0 ? Math.Min(n, 5000) : 100;
            var model = context.Request.Query["model"] is { Count: > 0 } m ? (string?)m : null;
            var recent = state.Log.Recent(lines, model).Select(Json).ToList();
            return HttpIo.WriteJsonAsync(context, new LogResponse(recent), GatewayJson.Default.LogResponse);
        });
        app.MapGet("/v2/logs/stream", async context =>
        {
            var model = context.Request.Query["model"] is { Count: > 0 } m ? (string?)m : null;
            using var subscription = state.Log.Subscribe();
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                await foreach (var line in subscription.Lines(context.RequestAborted).ConfigureAwait(false))
                {
                    if (model is not null && line.Model != model) continue;
                    await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(Json(line), GatewayJson.Default.LogLineJson)}\n\n", context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) { }
        });
    }

    private static LogLineJson Json(Telemetry.LogLine line) => new(line.Time, line.Level, line.Model, line.Message);
}

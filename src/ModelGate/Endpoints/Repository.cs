using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Protocol;

namespace ModelGate.Endpoints;

/// <summary>
/// The model-repository extension: POST /v2/repository/index, …/models/{m}/load (from the folder, or with the model
/// uploaded as Triton accepts it: a "file:&lt;version&gt;/model.onnx" parameter holding the file in base64) and …/unload.
/// </summary>
public static class Repository
{
    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        app.MapPost("/v2/repository/index", async context =>
        {
            var body = await HttpIo.ReadBodyAsync(context, state.Options.MaxBodyBytes).ConfigureAwait(false);
            var readyOnly = false;
            if (body.Length > 0)
            {
                try { readyOnly = JsonSerializer.Deserialize(body.Span, GatewayJson.Default.RepositoryIndexRequest)?.Ready ?? false; }
                catch (JsonException e) { throw ProtocolException.BadRequest($"the index request is not valid JSON: {e.Message}"); }
            }
            var index = state.Models.Index(readyOnly).Select(e => new RepositoryIndexItem(e.Name, e.Version, e.State, e.Reason)).ToList();
            await HttpIo.WriteJsonAsync(context, index, GatewayJson.Default.ListRepositoryIndexItem).ConfigureAwait(false);
        });
        app.MapPost("/v2/repository/models/{model}/load", async context =>
        {
            var model = Models.ModelRepository.CheckName(HttpIo.Route(context, "model")!);
            var uploads = Uploads(await HttpIo.ReadBodyAsync(context, state.Options.MaxBodyBytes).ConfigureAwait(false));
            state.Models.Load(model, uploads);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
        });
        app.MapPost("/v2/repository/models/{model}/unload", async context =>
        {
            state.Models.Unload(HttpIo.Route(context, "model")!);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>The files a load request carries: parameters named file:&lt;path&gt; with base64 contents.</summary>
    private static Dictionary<string, byte[]>? Uploads(ReadOnlyMemory<byte> body)
    {
        if (body.Length == 0) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw ProtocolException.BadRequest($"the load request is not valid JSON: {e.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw ProtocolException.BadRequest("the load request must be a JSON object");
            if (!doc.RootElement.TryGetProperty("parameters", out var parameters)) return null;
            if (parameters.ValueKind != JsonValueKind.Object) throw ProtocolException.BadRequest("'parameters' must be an object");
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var p in parameters.EnumerateObject())
            {
                if (!p.Name.StartsWith("file:", StringComparison.Ordinal)) continue;
                if (p.Value.ValueKind != JsonValueKind.String || !p.Value.TryGetBytesFromBase64(out var bytes))
                    throw ProtocolException.BadRequest($"parameter '{p.Name}' must hold the file's contents in base64");
                files[p.Name["file:".Length..]] = bytes;
            }
            return files.Count == 0 ? null : files;
        }
    }
}

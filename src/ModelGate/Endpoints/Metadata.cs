using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Protocol;

namespace ModelGate.Endpoints;

/// <summary>Health (live, ready, model ready), server metadata (/v2, with its extensions) and model metadata.</summary>
public static class Metadata
{
    public const string Platform = "onnxruntime_onnx";

    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        app.MapGet("/v2", context => HttpIo.WriteJsonAsync(context, new ServerMetadata(GatewayState.Name, GatewayState.Version, GatewayState.Extensions), GatewayJson.Default.ServerMetadata));
        app.MapGet("/v2/health/live", context => HttpIo.WriteJsonAsync(context, new LiveResponse(true), GatewayJson.Default.LiveResponse));
        app.MapGet("/v2/health/ready", context => HttpIo.WriteJsonAsync(context, new ReadyResponse(true), GatewayJson.Default.ReadyResponse));
        RequestDelegate metadata = context => ModelAsync(context, state, ready: false);
        RequestDelegate ready = context => ModelAsync(context, state, ready: true);
        app.MapGet("/v2/models/{model}", metadata);
        app.MapGet("/v2/models/{model}/versions/{version}", metadata);
        app.MapGet("/v2/models/{model}/ready", ready);
        app.MapGet("/v2/models/{model}/versions/{version}/ready", ready);
    }

    private static async Task ModelAsync(HttpContext context, GatewayState state, bool ready)
    {
        var model = HttpIo.Route(context, "model")!;
        var route = state.Routes.Find(model);
        if (route?.Endpoint is not null)
        {
            await state.Forwarder.ForwardAsync(context, route, null).ConfigureAwait(false);
            return;
        }
        var version = HttpIo.Route(context, "version") ?? route?.Version;
        if (ready)
        {
            var isReady = true;
            try { state.Models.Resolve(model, version); }
            catch (ProtocolException e) when (e.Status == 503) { isReady = false; }
            await HttpIo.WriteJsonAsync(context, new ModelReadyResponse(model, isReady), GatewayJson.Default.ModelReadyResponse, isReady ? 200 : 503).ConfigureAwait(false);
            return;
        }
        var served = state.Models.Resolve(model, version);
        var versions = state.Models.Find(model)!.Versions.Select(v => v.Version).ToList();
        static List<TensorMetadata> Tensors(IEnumerable<Models.TensorInfo> tensors) => [.. tensors.Select(t => new TensorMetadata(t.Name, t.Type.Name, t.Shape))];
        await HttpIo.WriteJsonAsync(context, new ModelMetadata(model, versions, Platform, Tensors(served.Inputs), Tensors(served.Outputs)),
            GatewayJson.Default.ModelMetadata).ConfigureAwait(false);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Protocol;
using ModelGate.Routing;

namespace ModelGate.Endpoints;

/// <summary>ModelGate's routes extension: GET /v2/routes, PUT /v2/routes/{model} ({"endpoint": url} or {"version": v}), DELETE /v2/routes/{model}.</summary>
public static class Routes
{
    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        app.MapGet("/v2/routes", context => HttpIo.WriteJsonAsync(context, new RouteList(state.Routes.All), GatewayJson.Default.RouteList));
        app.MapPut("/v2/routes/{model}", async context =>
        {
            var model = Models.ModelRepository.CheckName(HttpIo.Route(context, "model")!);
            var body = await HttpIo.ReadBodyAsync(context, 64 * 1024).ConfigureAwait(false);
            RouteRequest? request;
            try { request = JsonSerializer.Deserialize(body.Span, GatewayJson.Default.RouteRequest); }
            catch (JsonException e) { throw ProtocolException.BadRequest($"the route is not valid JSON: {e.Message}"); }
            if (request?.Version is { } v && !Models.ModelRepository.IsVersion(v)) throw ProtocolException.BadRequest($"'{v}' is not a version (digits)");
            var route = state.Routes.Set(new ModelGate.Routing.Route(model, request?.Version, request?.Endpoint?.TrimEnd('/')));
            state.Log.Add("info", model, route.Endpoint is not null ? $"{model}: routed to {route.Endpoint}" : $"{model}: routed to local version {route.Version}");
            await HttpIo.WriteJsonAsync(context, route, GatewayJson.Default.Route).ConfigureAwait(false);
        });
        app.MapDelete("/v2/routes/{model}", async context =>
        {
            var model = HttpIo.Route(context, "model")!;
            if (!state.Routes.Remove(model)) throw ProtocolException.NotFound($"no route for model '{model}'");
            state.Log.Add("info", model, $"{model}: route removed");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
        });
    }
}

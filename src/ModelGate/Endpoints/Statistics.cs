using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Protocol;

namespace ModelGate.Endpoints;

/// <summary>The statistics extension (Triton's shape): GET /v2/models[/{m}[/versions/{v}]]/stats, plus latency percentiles under "modelgate".</summary>
public static class Statistics
{
    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        RequestDelegate handler = context =>
        {
            var model = HttpIo.Route(context, "model");
            var version = HttpIo.Route(context, "version");
            if (model is not null && state.Models.Find(model) is null) throw ProtocolException.NotFound($"unknown model '{model}'");
            var stats = state.Models.Models.Where(m => model is null || m.Name == model)
                .SelectMany(m => m.Versions).Where(v => version is null || v.Version == version)
                .OrderBy(v => v.Model, StringComparer.Ordinal).ThenBy(v => long.Parse(v.Version)).Select(v =>
                {
                    var s = v.Statistics;
                    var p = s.Percentiles();
                    return new ModelStats(v.Model, v.Version, s.LastInference, s.SuccessCount, s.SuccessCount,
                        new InferenceStats(new Duration(s.SuccessCount, s.SuccessNs), new Duration(s.FailCount, s.FailNs), new Duration(s.SuccessCount, 0),
                            new Duration(s.SuccessCount, s.ComputeInputNs), new Duration(s.SuccessCount, s.ComputeInferNs), new Duration(s.SuccessCount, s.ComputeOutputNs)),
                        p is { } q ? new LatencyPercentiles(q.P50, q.P90, q.P99, q.Max) : null);
                }).ToList();
            return HttpIo.WriteJsonAsync(context, new StatsResponse(stats), GatewayJson.Default.StatsResponse);
        };
        app.MapGet("/v2/models/stats", handler);
        app.MapGet("/v2/models/{model}/stats", handler);
        app.MapGet("/v2/models/{model}/versions/{version}/stats", handler);
    }
}

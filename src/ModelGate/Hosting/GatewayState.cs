using ModelGate.Models;
using ModelGate.Routing;
using ModelGate.Telemetry;

namespace ModelGate.Hosting;

/// <summary>What every endpoint shares: the models, the routes, the forwarder, the log and the limits.</summary>
public sealed class GatewayState(ModelRepository models, RouteTable routes, Forwarder forwarder, GatewayLog log, GatewayOptions options)
{
    public const string Name = "modelgate";
    public static readonly string Version = typeof(GatewayState).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    public static readonly string[] Extensions = ["binary_tensor_data", "model_repository", "statistics", "modelgate_routes", "modelgate_logs"];

    public ModelRepository Models => models;
    public RouteTable Routes => routes;
    public Forwarder Forwarder => forwarder;
    public GatewayLog Log => log;
    public GatewayOptions Options => options;
}

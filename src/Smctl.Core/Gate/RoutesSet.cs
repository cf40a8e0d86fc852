using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateRoutesSetInput
{
    [Description("The model whose requests are routed")]
    [Argument(0)]
    public required string Model { get; init; }
    [Description("Another V2 server (http://host:port), or a local version number")]
    [Argument(1)]
    public required string Endpoint { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

/// <summary>Routes a model's requests to another V2 server (the gateway forwards them) or pins a local version.</summary>
public sealed class GateRoutesSet : IOperation<GateRoutesSetInput, GateRoutesResult>
{
    public OperationInfo Info { get; } = new("gate.routes.set",
        "Route a model on a ModelGate gateway: to another V2 server (http://host:port) or to a local version (a number).",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateRoutesSetInput> InputJson => SmctlJson.Default.GateRoutesSetInput;
    public JsonTypeInfo<GateRoutesResult> ResultJson => SmctlJson.Default.GateRoutesResult;

    public async Task<GateRoutesResult> RunAsync(SmctlContext context, GateRoutesSetInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        var isVersion = input.Endpoint.All(char.IsAsciiDigit) && input.Endpoint.Length > 0;
        if (!isVersion && !(Uri.TryCreate(input.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw SmctlException.Usage($"'{input.Endpoint}' is neither a server address nor a version", "give http://host:port, or a version number of the model");
        await client.RequireAsync(GateClient.Routes, "route models", ct).ConfigureAwait(false);
        if (context.DryRun) return new GateRoutesResult(client.Name, [new V2Route(input.Model, isVersion ? input.Endpoint : null, isVersion ? null : input.Endpoint)]);
        await client.SetRouteAsync(input.Model, isVersion ? new V2RouteRequest(null, input.Endpoint) : new V2RouteRequest(input.Endpoint, null), ct).ConfigureAwait(false);
        return new GateRoutesResult(client.Name, await client.RoutesAsync(ct).ConfigureAwait(false));
    }
}

using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateRoutesListInput
{
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

public sealed record GateRoutesResult(string Url, IReadOnlyList<V2Route> Routes);

/// <summary>A gateway's routing table (ModelGate's routes extension): model → local version or upstream server.</summary>
public sealed class GateRoutesList : IOperation<GateRoutesListInput, GateRoutesResult>
{
    public OperationInfo Info { get; } = new("gate.routes.list",
        "Show a ModelGate gateway's routes: models pinned to a local version or sent to another V2 server.",
        OperationEffect.ReadOnly, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateRoutesListInput> InputJson => SmctlJson.Default.GateRoutesListInput;
    public JsonTypeInfo<GateRoutesResult> ResultJson => SmctlJson.Default.GateRoutesResult;

    public async Task<GateRoutesResult> RunAsync(SmctlContext context, GateRoutesListInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.Routes, "route models", ct).ConfigureAwait(false);
        return new GateRoutesResult(client.Name, await client.RoutesAsync(ct).ConfigureAwait(false));
    }
}

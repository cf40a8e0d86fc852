using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateRoutesRemoveInput
{
    [Description("The model whose route goes")]
    [Argument(0)]
    public required string Model { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

/// <summary>Removes a model's route: the gateway serves it locally again (its newest version).</summary>
public sealed class GateRoutesRemove : IOperation<GateRoutesRemoveInput, GateRoutesResult>
{
    public OperationInfo Info { get; } = new("gate.routes.remove",
        "Remove a model's route on a ModelGate gateway: requests for it are served locally again.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateRoutesRemoveInput> InputJson => SmctlJson.Default.GateRoutesRemoveInput;
    public JsonTypeInfo<GateRoutesResult> ResultJson => SmctlJson.Default.GateRoutesResult;

    public async Task<GateRoutesResult> RunAsync(SmctlContext context, GateRoutesRemoveInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.Routes, "route models", ct).ConfigureAwait(false);
        var routes = await client.RoutesAsync(ct).ConfigureAwait(false);
        if (routes.All(r => r.Model != input.Model))
            throw new SmctlException(ErrorKind.Usage, $"{client.Name} has no route for '{input.Model}'", routes.Count == 0 ? null : "routes: " + string.Join(", ", routes.Select(r => r.Model)));
        if (context.DryRun) return new GateRoutesResult(client.Name, [.. routes.Where(r => r.Model != input.Model)]);
        await client.RemoveRouteAsync(input.Model, ct).ConfigureAwait(false);
        return new GateRoutesResult(client.Name, await client.RoutesAsync(ct).ConfigureAwait(false));
    }
}

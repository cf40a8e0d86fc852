using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateModelsListInput
{
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

/// <param name="State">READY, or why not (UNAVAILABLE and its reason).</param>
public sealed record GateModel(string Name, IReadOnlyList<string> Versions, string State, string? Reason, string? Platform,
    IReadOnlyList<V2Tensor>? Inputs, IReadOnlyList<V2Tensor>? Outputs);

public sealed record GateModelsListResult(string Url, IReadOnlyList<GateModel> Models);

/// <summary>The models of a server's repository (model-repository extension), with each ready one's metadata (core endpoint).</summary>
public sealed class GateModelsList : IOperation<GateModelsListInput, GateModelsListResult>
{
    public OperationInfo Info { get; } = new("gate.models.list",
        "List a ModelGate (or Triton) repository's models: state, versions, platform, inputs and outputs.",
        OperationEffect.ReadOnly, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateModelsListInput> InputJson => SmctlJson.Default.GateModelsListInput;
    public JsonTypeInfo<GateModelsListResult> ResultJson => SmctlJson.Default.GateModelsListResult;

    public async Task<GateModelsListResult> RunAsync(SmctlContext context, GateModelsListInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.ModelRepository, "list its models", ct).ConfigureAwait(false);
        var index = await client.IndexAsync(ct).ConfigureAwait(false);
        var models = await Task.WhenAll(index.GroupBy(i => i.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(async g =>
        {
            var versions = g.Where(i => i.Version is { Length: > 0 }).Select(i => i.Version!).ToList();
            var ready = g.Any(i => i.State == "READY");
            var reason = g.Select(i => i.Reason).FirstOrDefault(r => r is { Length: > 0 });
            if (!ready) return new GateModel(g.Key, versions, g.First().State ?? "UNKNOWN", reason, null, null, null);
            var meta = await client.ModelAsync(g.Key, null, ct).ConfigureAwait(false);
            return new GateModel(g.Key, meta.Versions is { Count: > 0 } v ? v : versions, "READY", null, meta.Platform, meta.Inputs ?? [], meta.Outputs ?? []);
        })).ConfigureAwait(false);
        return new GateModelsListResult(client.Name, models);
    }
}

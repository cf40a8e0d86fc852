using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateModelsRemoveInput
{
    [Description("The model to take out of service")]
    [Argument(0)]
    public required string Name { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

public sealed record GateModelsRemoveResult(string Url, string Name, bool Removed);

/// <summary>Unloads a model (the model-repository extension): the server stops serving it; its files stay in the repository.</summary>
public sealed class GateModelsRemove : IOperation<GateModelsRemoveInput, GateModelsRemoveResult>
{
    public OperationInfo Info { get; } = new("gate.models.remove",
        "Unload a model on a ModelGate (or Triton) server; its files stay, so loading brings it back.",
        OperationEffect.Destructive, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateModelsRemoveInput> InputJson => SmctlJson.Default.GateModelsRemoveInput;
    public JsonTypeInfo<GateModelsRemoveResult> ResultJson => SmctlJson.Default.GateModelsRemoveResult;

    public async Task<GateModelsRemoveResult> RunAsync(SmctlContext context, GateModelsRemoveInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.ModelRepository, "remove models", ct).ConfigureAwait(false);
        if (context.DryRun) return new GateModelsRemoveResult(client.Name, input.Name, false);
        context.RequireConfirmation($"Stop serving model '{input.Name}' on {client.Name}?");
        await client.UnloadAsync(input.Name, ct).ConfigureAwait(false);
        return new GateModelsRemoveResult(client.Name, input.Name, true);
    }
}

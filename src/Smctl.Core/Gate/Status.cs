using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateStatusInput
{
    [Description("One server to ask instead of the [gate] instances")]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

/// <param name="Server">The name the server gives itself (modelgate, triton, mlserver …).</param>
/// <param name="Models">Models in its repository, and how many are ready (only with the model-repository extension).</param>
public sealed record GateInstance(string Url, bool Reachable, bool? Live, bool? Ready, string? Server, string? Version, IReadOnlyList<string>? Extensions,
    int? Models, int? ReadyModels, string? Error);

public sealed record GateStatusResult(IReadOnlyList<GateInstance> Instances) : IOutcome
{
    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Instances.Any(i => !i.Reachable) ? ErrorKind.Network : null;
}

/// <summary>Every configured gateway: live and ready, name and version, its extensions, and its models (when it can list them).</summary>
public sealed class GateStatus : IOperation<GateStatusInput, GateStatusResult>
{
    public OperationInfo Info { get; } = new("gate.status",
        "Show every ModelGate (or other V2) instance: live, ready, version, extensions, model counts.",
        OperationEffect.ReadOnly, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateStatusInput> InputJson => SmctlJson.Default.GateStatusInput;
    public JsonTypeInfo<GateStatusResult> ResultJson => SmctlJson.Default.GateStatusResult;

    public async Task<GateStatusResult> RunAsync(SmctlContext context, GateStatusInput input, CancellationToken ct)
    {
        var instances = await Task.WhenAll(GateTargets.All(context, input.Url).Select(c => StatusAsync(c, ct))).ConfigureAwait(false);
        return new GateStatusResult(instances);
    }

    private static async Task<GateInstance> StatusAsync(GateClient client, CancellationToken ct)
    {
        try
        {
            var live = await client.ProbeAsync("v2/health/live", ct).ConfigureAwait(false);
            var ready = await client.ProbeAsync("v2/health/ready", ct).ConfigureAwait(false);
            var server = await client.ServerAsync(ct).ConfigureAwait(false);
            int? models = null, readyModels = null;
            if (server.Extensions?.Contains(GateClient.ModelRepository) == true)
            {
                var index = await client.IndexAsync(ct).ConfigureAwait(false);
                models = index.Select(i => i.Name).Distinct().Count();
                readyModels = index.Where(i => i.State == "READY").Select(i => i.Name).Distinct().Count();
            }
            return new GateInstance(client.Name, true, live, ready, server.Name, server.Version, server.Extensions ?? [], models, readyModels, null);
        }
        catch (SmctlException e) when (e.Kind == ErrorKind.Network)
        {
            return new GateInstance(client.Name, false, null, null, null, null, null, null, null, e.Message);
        }
    }
}

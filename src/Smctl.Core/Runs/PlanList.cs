using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Plans;

namespace Smctl.Core.Runs;

public sealed record PlanListInput;

public sealed record PlanSummary(string Id, string Command, DateTimeOffset Created, IReadOnlyList<string> Repos);

public sealed record PlanListResult(IReadOnlyList<PlanSummary> Plans);

/// <summary>smctl plan list</summary>
public sealed class PlanList : IOperation<PlanListInput, PlanListResult>
{
    public OperationInfo Info { get; } = new("plan.list", "List the saved plans (each dry run of a multi-repo change saves one).", OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<PlanListInput> InputJson => SmctlJson.Default.PlanListInput;
    public JsonTypeInfo<PlanListResult> ResultJson => SmctlJson.Default.PlanListResult;

    public Task<PlanListResult> RunAsync(SmctlContext context, PlanListInput input, CancellationToken ct) =>
        Task.FromResult(new PlanListResult(new SavedPlans(context.RequireWorkspace().SmctlDir).All(context.Warn)
            .Select(p => new PlanSummary(p.Plan.Id, p.Plan.Command, p.Created, p.Plan.Repos.Select(r => r.Repo).ToList())).ToList()));
}

using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;

namespace Smctl.Core.Runs;

public sealed record PlanInput
{
    [Description("The plan's id (from a dry run)")]
    [Argument(0)]
    public required string Id { get; init; }
}

/// <summary>smctl plan show ID: a saved plan, step by step.</summary>
public sealed class PlanShow : IOperation<PlanInput, RunResult>
{
    public OperationInfo Info { get; } = new("plan.show", "Show a saved plan, step by step.", OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<PlanInput> InputJson => SmctlJson.Default.PlanInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public Task<RunResult> RunAsync(SmctlContext context, PlanInput input, CancellationToken ct) =>
        Task.FromResult(RunResult.FromPlan(new SavedPlans(context.RequireWorkspace().SmctlDir).Load(input.Id).Plan) with { PlanId = input.Id });
}

using System.Text.Json.Nodes;
using Smctl.Core.Operations;

namespace Smctl.Core.Plans;

/// <summary>
/// The plan of a dry run whose command is not a program of steps: the call itself (operation and input) with every
/// cloned repo's refs, so that 'plan apply' makes exactly that call again — refused, as any plan, when a repo moved.
/// </summary>
public static class CallPlans
{
    /// <summary>
    /// After a dry run that was asked to save its plan, the result's JSON with the saved call's planId; otherwise the
    /// JSON as it is: not a saving dry run (nothing is serialised twice on every other call), a result that already has
    /// a planId (a program of steps saved its own: the call is recorded as its planner), or no workspace (nowhere to
    /// keep it). Both front ends call this.
    /// </summary>
    public static async Task<string> JsonAsync<TIn, TOut>(SmctlContext context, IOperation<TIn, TOut> op, TIn input, TOut result, CancellationToken ct)
    {
        var json = OperationJson.Serialize(result, op.ResultJson);
        if (!context.DryRun || !context.SavePlan || op.Info.Effect == OperationEffect.ReadOnly || context.FindHome() is null) return json;
        if (JsonNode.Parse(json) is not JsonObject answer) return json;
        var ws = context.RequireWorkspace();
        var call = new SavedCall(op.Info.Name, OperationJson.Serialize(input, op.InputJson));
        if (answer["planId"]?.GetValue<string>() is { } programId)
        {
            // A program of steps saved itself; what planned it is kept beside it, so apply can make its checks again.
            DryRun.SavingPlan(() => new SavedPlans(ws.SmctlDir).SetPlanner(programId, call));
            return json;
        }
        var plan = new Plan(Plan.NewId(op.Info.CommandPath), op.Info.CommandPath,
            [.. ws.Repos.Where(r => Git.RepoReader.IsRepository(r.FullPath)).Select(r => new RepoProgram(r.Name, []))]);
        answer["planId"] = await DryRun.SavingPlanAsync(() => new SavedPlans(ws.SmctlDir).SaveAsync(context, ws, plan, ct, call)).ConfigureAwait(false);
        return OperationJson.Reindent(answer);
    }
}

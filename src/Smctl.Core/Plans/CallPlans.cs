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
    /// After a dry run that was asked to save its plan: the result's JSON with a planId. A result that already has
    /// one (a program of steps saved its own) is returned as it is, and so is one outside a workspace (nowhere to keep it).
    /// </summary>
    public static async Task<string> SaveAsync(SmctlContext context, IOperation op, JsonObject input, string output, CancellationToken ct)
    {
        if (!context.DryRun || !context.SavePlan || op.Info.Effect == OperationEffect.ReadOnly || context.FindHome() is null) return output;
        if (JsonNode.Parse(output) is not JsonObject result || result.ContainsKey("planId")) return output;
        var ws = context.RequireWorkspace();
        var cloned = ws.Repos.Where(r => Directory.Exists(Path.Combine(r.FullPath, ".git")) || File.Exists(Path.Combine(r.FullPath, ".git")));
        var plan = new Plan(Plan.NewId(op.Info.CommandPath), op.Info.CommandPath, [.. cloned.Select(r => new RepoProgram(r.Name, []))]);
        var call = new SavedCall(op.Info.Name, OperationJson.Reindent(input));
        var id = await DryRun.SavingPlanAsync(() => new SavedPlans(ws.SmctlDir).SaveAsync(context, ws, plan, ct, call)).ConfigureAwait(false);
        result["planId"] = id;
        return OperationJson.Reindent(result);
    }
}

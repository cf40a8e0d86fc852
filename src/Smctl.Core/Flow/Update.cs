using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Flow;

public sealed record FlowUpdateInput
{
    [Description("Feature name")]
    [Argument(0, Suggest = Suggestions.FeatureNames)]
    public required string Name { get; init; }
    [Description("Only these of the repos that have the branch")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Rebase onto develop (pushed with a lease) instead of merging")]
    public bool Rebase { get; init; }
    [Description("Do not fetch first")]
    public bool NoFetch { get; init; }
    [Description("Do not push the updated branch")]
    public bool NoPush { get; init; }
}

/// <summary>Brings the latest develop into a feature in every repo that has it (merge, or rebase), as one validated, resumable run.</summary>
public sealed class FlowUpdate : IOperation<FlowUpdateInput, RunResult>
{
    public OperationInfo Info { get; } = new("flow.feature.update",
        "Merge (or rebase onto) the latest develop in feature/<name> in every repo that has it, tried first everywhere, then push.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<FlowUpdateInput> InputJson => SmctlJson.Default.FlowUpdateInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public Task<RunResult> RunAsync(SmctlContext context, FlowUpdateInput input, CancellationToken ct)
    {
        var name = FlowModel.ValidateName(input.Name);
        var branch = FlowModel.From(context.Settings).Branch(FlowKind.Feature, name);
        var label = $"flow feature update {name}";
        return RunCommand.PlanAndRunAsync(context, label, async (ws, token) =>
        {
            var problems = new Problems();
            var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), !input.NoFetch, problems, token).ConfigureAwait(false);
            var having = facts.Where(f => f.HasBranch(branch)).ToList();
            if (having.Count == 0 && problems.Count == 0) throw Errors.SmctlException.Usage($"no repo has {branch}.", "see 'smctl flow feature list'");
            var programs = new List<RepoProgram>();
            foreach (var f in having)
            {
                if (!f.CheckWorkTree(problems, needClean: f.Refs.HeadBranch == branch)) continue;
                if (f.Local(branch) is null) { problems.Add(f.Repo.Name, $"{branch} exists only on the remote: check it out first"); continue; }
                var steps = new List<Step>();
                var tip = f.TargetTip(branch, problems, steps);
                var model = f.Flow;
                var source = f.UpToDateTip(model.FeatureTarget, problems, takeRemoteWhenBehind: true);
                if (tip is null || source is null) { if (source is null) problems.Add(f.Repo.Name, $"has no {model.FeatureTarget} branch"); continue; }
                if (input.Rebase)
                {
                    if (f.Refs.HeadBranch != branch && !await CheckedOutElsewhereAsync(f, branch, token).ConfigureAwait(false))
                    {
                        problems.Add(f.Repo.Name, $"{branch} is not checked out: rebasing needs a work tree (check it out, or update by merging)");
                        continue;
                    }
                    steps.Add(new BranchRebase(branch, source));
                }
                else
                {
                    var (_, conflicts) = await MergeCheck.TryAsync(f.Git, tip, source, token, keepCommit: false).ConfigureAwait(false);
                    if (conflicts.Count > 0) { problems.Add(f.Repo.Name, $"merging {model.FeatureTarget} into {branch} conflicts in {string.Join(", ", conflicts)}"); continue; }
                    steps.Add(new BranchMerge(branch, source, $"Merge branch '{model.FeatureTarget}' into {branch}"));
                }
                if (f.HasRemote && !input.NoPush) steps.Add(new BranchPush(branch, ForceWithLease: input.Rebase));
                programs.Add(new RepoProgram(f.Repo.Name, steps));
            }
            problems.ThrowIfAny(label);
            return new Plan(Plan.NewId(label), label, programs);
        }, ct);
    }

    private static async Task<bool> CheckedOutElsewhereAsync(RepoFacts f, string branch, CancellationToken ct) =>
        await f.Git.WorktreeOfAsync(branch, ct).ConfigureAwait(false) is not null;
}

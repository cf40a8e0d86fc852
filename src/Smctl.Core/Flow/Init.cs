using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Flow;

public sealed record FlowInitInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Do not fetch first")]
    public bool NoFetch { get; init; }
    [Description("Do not push develop")]
    public bool NoPush { get; init; }
}

/// <summary>Prepares every repo for git flow: main exists, develop is created from it and pushed, and the gitflow.* keys AVH git-flow reads are written.</summary>
public sealed class FlowInit : IOperation<FlowInitInput, RunResult>
{
    public OperationInfo Info { get; } = new("flow.init",
        "In every repo: find its production branch, create and push develop if missing, write the gitflow.* config AVH 'git flow' reads.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<FlowInitInput> InputJson => SmctlJson.Default.FlowInitInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public Task<RunResult> RunAsync(SmctlContext context, FlowInitInput input, CancellationToken ct)
    {
        return RunCommand.PlanAndRunAsync(context, "flow init", async (ws, token) =>
        {
            var problems = new Problems();
            var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), !input.NoFetch, problems, token).ConfigureAwait(false);
            var programs = new List<RepoProgram>();
            foreach (var f in facts)
            {
                if (!f.CheckWorkTree(problems, needClean: false)) continue;
                var steps = new List<Step>();
                var model = f.Flow;
                var main = f.Local(model.Main);
                if (main is null && f.Remote(model.Main) is { } remoteMain)
                    steps.Add(new BranchCreate(model.Main, remoteMain, $"origin/{model.Main}"));
                else if (main is null)
                {
                    problems.Add(f.Repo.Name, $"has no {model.Main} branch (nor production, main or master): create it, or set main_branch = \"…\" on its [[repos]] entry");
                    continue;
                }
                if (!model.Trunk && f.Local(model.Develop) is null)
                {
                    steps.Add(f.Remote(model.Develop) is { } remoteDevelop
                        ? new BranchCreate(model.Develop, remoteDevelop, $"origin/{model.Develop}")
                        : new BranchCreate(model.Develop, main ?? f.Remote(model.Main)!));
                    if (f.HasRemote && !input.NoPush && f.Remote(model.Develop) is null) steps.Add(new BranchPush(model.Develop, SetUpstream: true));
                }
                foreach (var (key, value) in GitFlowKeys(model))
                    steps.Add(new GitConfigSet(key, value));
                programs.Add(new RepoProgram(f.Repo.Name, steps));
            }
            problems.ThrowIfAny("flow init");
            return new Plan(Plan.NewId("flow init"), "flow init", programs);
        }, ct);
    }

    /// <summary>The keys AVH git-flow reads (git flow init writes the same ones).</summary>
    public static IEnumerable<(string Key, string Value)> GitFlowKeys(FlowModel model) =>
    [
        ("gitflow.branch.master", model.Main),
        ("gitflow.branch.develop", model.Trunk ? model.Main : model.Develop),
        ("gitflow.prefix.feature", model.FeaturePrefix),
        ("gitflow.prefix.bugfix", "bugfix/"),
        ("gitflow.prefix.release", model.ReleasePrefix),
        ("gitflow.prefix.hotfix", model.HotfixPrefix),
        ("gitflow.prefix.support", "support/"),
        ("gitflow.prefix.versiontag", model.TagPrefix),
    ];
}

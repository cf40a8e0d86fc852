using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Flow;

public sealed record FlowProposeInput
{
    [Description("Feature name (default: the one every repo is on)")]
    [Argument(0, Suggest = Suggestions.FeatureNames)]
    public string? Name { get; init; }
    [Description("Only these of the repos that have the branch")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Do not fetch first")]
    public bool NoFetch { get; init; }
}

/// <summary>
/// For protected integration branches: pushes feature/&lt;name&gt; in every repo that has it and gives, per repo, the
/// forge's page that opens the pull request into develop (as git-town's propose). Once the forge has merged them,
/// <c>flow feature finish</c> sees it and only cleans up.
/// </summary>
public sealed class FlowPropose : IOperation<FlowProposeInput, RunResult>
{
    public OperationInfo Info { get; } = new("flow.feature.propose",
        "Push feature/<name> where it exists and return each forge's page opening its pull request (for protected branches).",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<FlowProposeInput> InputJson => SmctlJson.Default.FlowProposeInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public async Task<RunResult> RunAsync(SmctlContext context, FlowProposeInput input, CancellationToken ct)
    {
        var workspace = FlowModel.From(context.Settings);
        var name = FlowModel.ValidateName(input.Name ?? Flows.CheckedOut(context, workspace, FlowKind.Feature, input.Repos));
        var branch = workspace.Branch(FlowKind.Feature, name);
        var label = $"flow feature propose {name}";
        var links = new List<PullRequestLink>();
        var result = await RunCommand.PlanAndRunAsync(context, label, async (ws, token) =>
        {
            var problems = new Problems();
            var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), !input.NoFetch, problems, token).ConfigureAwait(false);
            var plan = Plan(facts, name, branch, problems, links);
            problems.ThrowIfAny(label);
            return new Plan(Plans.Plan.NewId(label), label, plan);
        }, ct).ConfigureAwait(false);
        return result with { PullRequests = links };
    }

    /// <summary>The pushes, and the links they lead to, for every repo holding the branch (also finish's way when flow.finish is "propose").</summary>
    public static List<RepoProgram> Plan(IReadOnlyList<RepoFacts> facts, string name, string branch, Problems problems, List<PullRequestLink> links)
    {
        var having = facts.Where(f => f.HasBranch(branch)).ToList();
        if (having.Count == 0 && problems.Count == 0) throw Errors.SmctlException.Usage($"no repo has {branch}.", "see 'smctl flow feature list'");
        var programs = new List<RepoProgram>();
        foreach (var f in having)
        {
            if (!f.CheckWorkTree(problems, needClean: false)) continue;
            if (!f.HasRemote) { problems.Add(f.Repo.Name, $"has no remote {f.Git.Remote} to propose {branch} on"); continue; }
            var target = f.Flow.FeatureTarget;
            if (f.Local(branch) is { } local && f.Remote(branch) != local)
            {
                // A local branch behind or diverged from its remote is not pushed over it.
                if (f.Remote(branch) is { } remote && !f.Git.Read(repo => RepoReader.IsAncestorRev(repo, remote, local)))
                {
                    problems.Add(f.Repo.Name, $"{branch} has diverged from origin/{branch}: reconcile them first (smctl flow feature update {name})");
                    continue;
                }
                programs.Add(new RepoProgram(f.Repo.Name, [new BranchPush(branch, SetUpstream: true)]));
            }
            links.Add(new PullRequestLink(f.Repo.Name, branch, target, ForgeOf(f)?.NewPullRequestUrl(branch, target)));
        }
        return programs;
    }

    /// <summary>The manifest's url names the forge; else the clone's own remote does.</summary>
    private static Forge? ForgeOf(RepoFacts f) => Forge.Of(f.Repo.Url) ?? Forge.Of(f.Git.Read(repo => repo.Network.Remotes[f.Git.Remote]?.Url));
}

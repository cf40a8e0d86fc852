using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Flow;

/// <summary>What every flow start takes; each kind's input adds its name or version.</summary>
public abstract record FlowStartInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Do not fetch first")]
    public bool NoFetch { get; init; }
    [Description("Do not push the new branch")]
    public bool NoPush { get; init; }
    [Description("Do not check the branch out in the main work trees")]
    public bool NoCheckout { get; init; }
    [Description("Check the branch out in a linked worktree per repo instead")]
    public bool Worktree { get; init; }

    /// <summary>The feature's name or the version, when one was given.</summary>
    public abstract string? Subject();
}

public sealed record FeatureStartInput : FlowStartInput
{
    [Description("Feature name: lower-case letters, digits, '.', '_', '-'")]
    [Argument(0)]
    public required string Name { get; init; }

    public override string? Subject() => Name;
}

public sealed record ReleaseStartInput : FlowStartInput, ICheckedInput
{
    [Description("Version (semver); default: the release plan's")]
    [Argument(0)]
    public string? Version { get; init; }
    [Description("Take the version from the release plan (as giving none)")]
    public bool Auto { get; init; }

    public override string? Subject() => Version;

    public void Check(Func<string, string> label)
    {
        if (Auto && Version is not null)
            throw Errors.SmctlException.Usage($"{label("auto")} takes the version from the release plan: give either it or {Version}, not both.");
    }
}

public sealed record HotfixStartInput : FlowStartInput
{
    [Description("Version (semver); default: the next patch after the latest release")]
    [Argument(0)]
    public string? Version { get; init; }

    public override string? Subject() => Version;
}

/// <summary>Starts a feature, release or hotfix branch in every selected repo, from an up-to-date base, and pushes it.</summary>
public sealed class FlowStart<TInput>(FlowKind kind, JsonTypeInfo<TInput> json) : IOperation<TInput, RunResult> where TInput : FlowStartInput
{
    public OperationInfo Info { get; } = new($"flow.{kind.ToString().ToLowerInvariant()}.start", kind switch
    {
        FlowKind.Feature => "Start feature/<name> from develop in the selected repos (default: all), check it out and push it with upstream.",
        FlowKind.Release => "Start release/<version> from develop in every selected repo and push it.",
        _ => "Start hotfix/<version> from main in every selected repo (default: the next patch version).",
    }, OperationEffect.Mutating, OpenWorld: true);

    public JsonTypeInfo<TInput> InputJson => json;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public Task<RunResult> RunAsync(SmctlContext context, TInput input, CancellationToken ct)
    {
        var label = Label(context, input);
        return RunCommand.PlanAndRunAsync(context, label, (ws, token) => PlanAsync(context, ws, input, token), ct);
    }

    /// <summary>The command as the run records it: "flow feature start x".</summary>
    public string Label(SmctlContext context, TInput input)
    {
        var given = input.Subject();
        var model = FlowModel.From(context.Settings);
        if (kind == FlowKind.Feature && given is null) throw Errors.SmctlException.Usage("a feature needs a name.");
        if (kind == FlowKind.Release && model.Trunk)
            throw Errors.SmctlException.Usage("in the trunk model there are no release branches: a release is a tag on main.", $"run 'smctl flow release finish {given}' to tag it");
        return $"flow {kind.ToString().ToLowerInvariant()} start {given ?? (kind == FlowKind.Release ? "(from the release plan)" : "(next patch)")}".TrimEnd();
    }

    /// <summary>The start's program, validated in every repo first; a command that starts a branch as part of its own program (spec new) builds on it.</summary>
    public async Task<Plan> PlanAsync(SmctlContext context, Workspace.Shared.Workspace ws, TInput input, CancellationToken token)
    {
        var label = Label(context, input);
        var given = input.Subject();
        var problems = new Problems();
        var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), !input.NoFetch, problems, token).ConfigureAwait(false);
        // A release without a version takes the release plan's: one for all (lockstep) or each repo its own.
        var planned = kind == FlowKind.Release && given is null
            ? await PlannedVersionsAsync(context, facts, token).ConfigureAwait(false) : null;
        var name = kind switch
        {
            FlowKind.Feature => FlowModel.ValidateName(given!),
            FlowKind.Release => given is null ? string.Join(", ", planned!.Values.Distinct()) : FlowModel.ValidateVersion(given),
            _ => given is null ? Versions.NextPatch(facts) : FlowModel.ValidateVersion(given),
        };
        var programs = new List<RepoProgram>();
        var layout = input.Worktree ? new Worktree.Shared.WorktreeLayout(ws, context.Settings) : null;
        foreach (var f in facts)
        {
            var version = planned?.GetValueOrDefault(f.Repo.Name);
            if (planned is not null && version is null) continue;
            var repoName = version ?? name;
            var model = f.Flow;
            var baseBranch = model.Base(kind);
            var branch = model.Branch(kind, repoName);
            Git.BranchName.Validate(branch);
            if (kind != FlowKind.Feature && f.Tag(model.Tag(repoName)) is null && Versions.Latest(f) is { } last && Versions.Parse(repoName).ComparePrecedenceTo(last) <= 0)
            {
                problems.Add(f.Repo.Name, $"{repoName} is not above its last release {model.Tag(last.ToString())}");
                continue;
            }
            if (!f.CheckWorkTree(problems, needClean: !input.NoCheckout && !input.Worktree)) continue;
            if (f.HasBranch(branch)) { problems.Add(f.Repo.Name, $"{branch} already exists"); continue; }
            if (kind != FlowKind.Feature && f.Tag(model.Tag(repoName)) is not null) { problems.Add(f.Repo.Name, $"tag {model.Tag(repoName)} already exists"); continue; }
            var start = f.UpToDateTip(baseBranch, problems, takeRemoteWhenBehind: true);
            if (start is null) { problems.Add(f.Repo.Name, $"has no {baseBranch} branch (run 'smctl flow init')"); continue; }
            var steps = layout is not null
                ? layout.StepsFor(f, model, layout.SetDir(kind, repoName), kind, branch, null, problems)
                : [new BranchCreate(branch, start) { Checkout = !input.NoCheckout }];
            if (steps is null) continue;
            if (f.HasRemote && !input.NoPush) steps.Add(new BranchPush(branch, SetUpstream: true));
            programs.Add(new RepoProgram(f.Repo.Name, steps));
        }
        problems.ThrowIfAny(label);
        return new Plan(Plan.NewId(label), $"flow {kind.ToString().ToLowerInvariant()} start {name}", programs);
    }

    /// <summary>The release plan's version per repo with changes since its last release (lockstep: the same one for every repo).</summary>
    private static async Task<Dictionary<string, string>> PlannedVersionsAsync(SmctlContext context, RepoFacts[] facts, CancellationToken ct)
    {
        var (_, plans, lockstep) = await Release.Shared.ReleasePlanner.PlanAsync(context, facts.Select(f => f.Repo.Name).ToList(), to: null, from: null, ct).ConfigureAwait(false);
        var versions = plans.Where(p => p.HasChanges || lockstep is not null).ToDictionary(p => p.Repo, p => lockstep ?? p.NextVersion);
        if (versions.Count == 0)
            throw Errors.SmctlException.Usage("nothing to release: no repo has commits since its last release tag", "see 'smctl release plan'");
        return versions;
    }
}

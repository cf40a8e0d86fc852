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

/// <summary>What every flow finish takes; each kind's input adds its name or version and what applies to it alone.</summary>
public abstract record FlowFinishInput
{
    [Description("Only these of the repos that have the branch")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Do not fetch first")]
    public bool NoFetch { get; init; }
    [Description("Do not push or delete anything on the remote")]
    public bool NoPush { get; init; }
    [Description("Keep the branch after merging")]
    public bool Keep { get; init; }
    [Description("One squashed commit instead of a merge commit")]
    public bool Squash { get; init; }
    [Description("Remove the branch's clean worktree set first")]
    public bool RemoveWorktree { get; init; }

    /// <summary>The feature's name or the version; null when not given (then the branch the repos are on says it).</summary>
    public abstract string? Subject();
    /// <summary>The release tag's message, where the kind has a tag.</summary>
    public virtual string? Message() => null;
    /// <summary>A release without the CHANGELOG.md and version commit.</summary>
    public virtual bool SkipsChangelog() => false;
}

public sealed record FeatureFinishInput : FlowFinishInput
{
    [Description("Feature name (default: the one every repo is on)")]
    [Argument(0, Suggest = Suggestions.FeatureNames)]
    public string? Name { get; init; }

    public override string? Subject() => Name;
}

/// <summary>What release and hotfix finishes share: a version, and the tag made for it.</summary>
public abstract record TaggedFinishInput : FlowFinishInput
{
    [Description("Version (default: the one every repo is on)")]
    [Argument(0, Suggest = Suggestions.FlowVersions)]
    public string? Version { get; init; }
    [Description("Message of the release tag (default: \"Release VERSION\")")]
    [Option(Alias = "-m", HelpName = "TEXT")]
    public string? TagMessage { get; init; }

    public override string? Subject() => Version;
    public override string? Message() => TagMessage;
}

public sealed record ReleaseFinishInput : TaggedFinishInput
{
    [Description("Do not commit a CHANGELOG.md section and version fields first")]
    public bool NoChangelog { get; init; }

    public override bool SkipsChangelog() => NoChangelog;
}

public sealed record HotfixFinishInput : TaggedFinishInput;

/// <summary>
/// Finishes a branch in every repo that has it: a feature merges into develop; a release or hotfix merges
/// into main, is tagged there, and the tag merges back into develop. Branches are deleted and pushed.
/// </summary>
public sealed class FlowFinish<TInput>(FlowKind kind, JsonTypeInfo<TInput> json) : IOperation<TInput, RunResult> where TInput : FlowFinishInput
{
    public OperationInfo Info { get; } = new($"flow.{kind.ToString().ToLowerInvariant()}.finish", kind switch
    {
        FlowKind.Feature => "Merge feature/<name> into develop where it exists (each merge tried first), push, delete it; only clean up if the remote merged it.",
        FlowKind.Release => "Merge release/<version> into main, tag it, merge the tag into develop, push, delete the branch, in every repo that has it.",
        _ => "Merge hotfix/<version> into main, tag it, merge the tag into develop, push, delete the branch, in every repo that has it.",
    }, OperationEffect.Destructive, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<TInput> InputJson => json;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public async Task<RunResult> RunAsync(SmctlContext context, TInput input, CancellationToken ct)
    {
        var (name, label) = Subject(context, input);
        // With protected integration branches a feature goes in by pull request: finish proposes what the forge has
        // not merged yet, and cleans up what it has.
        var links = Proposing(context);
        var result = await RunCommand.PlanAndRunAsync(context, label, (ws, token) => PlanAsync(context, ws, input, name, label, [], links, token), ct).ConfigureAwait(false);
        return WithPullRequests(result, links);
    }

    /// <summary>The validated name or version being finished, and the run's label.</summary>
    public (string Name, string Label) Subject(SmctlContext context, TInput input)
    {
        var model = FlowModel.From(context.Settings);
        var given = input.Subject() ?? Flows.CheckedOut(context, model, kind, input.Repos);
        var name = kind == FlowKind.Feature ? FlowModel.ValidateName(given) : FlowModel.ValidateVersion(given);
        return (name, $"flow {kind.ToString().ToLowerInvariant()} finish {name}");
    }

    /// <summary>Where the finish proposes (flow.finish = "propose"), the list its pull requests are gathered in; else null.</summary>
    public List<Git.PullRequestLink>? Proposing(SmctlContext context) =>
        kind == FlowKind.Feature && context.Settings.Text(Config.Shared.ConfigKeys.FlowFinish) == "propose" ? [] : null;

    public static RunResult WithPullRequests(RunResult result, List<Git.PullRequestLink>? links) =>
        links is { Count: > 0 } ? result with { PullRequests = [.. links.OrderBy(l => l.Repo, StringComparer.Ordinal)] } : result;

    /// <summary>The finish's program, every repo checked (a problem anywhere refuses the whole finish).</summary>
    /// <param name="committedFirst">
    /// Repos where the calling command commits before it finishes (spec archive's commit in the repo holding the specs,
    /// with its uncommitted changes in the change): planned as clean, and with a merge even where the branch has nothing new yet.
    /// </param>
    public async Task<Plan> PlanAsync(SmctlContext context, Workspace.Shared.Workspace ws, TInput input, string name, string label,
        IReadOnlyCollection<string> committedFirst, List<Git.PullRequestLink>? links, CancellationToken token)
    {
        var model = FlowModel.From(context.Settings);
        var branch = model.Branch(kind, name);
        var problems = new Problems();
        var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), !input.NoFetch, problems, token).ConfigureAwait(false);
        var having = facts.Where(f => f.HasBranch(branch)).ToList();
        if (model.Trunk && kind == FlowKind.Release && having.Count == 0)
            return TrunkRelease(facts, name, input, problems, label);
        if (having.Count == 0 && problems.Count == 0)
            throw Errors.SmctlException.Usage($"no repo has {branch}.", $"see 'smctl flow {kind.ToString().ToLowerInvariant()} list'");
        // Each repo is planned on its own (in-process reads and merge checks), so the repos are planned in parallel.
        var planned = await Workspace.Shared.RepoParallel.MapAsync(having, context.Jobs,
            (f, t) => PlanRepoAsync(context, ws, f, f.Flow, branch, name, input, committedFirst.Contains(f.Repo.Name), links, problems, t), token).ConfigureAwait(false);
        var programs = planned.OfType<RepoProgram>().ToList();
        problems.ThrowIfAny(label);
        return new Plan(Plan.NewId(label), label, programs);
    }

    /// <summary>One repo's steps, or null (with the reason in <paramref name="problems"/>) when it cannot be finished.</summary>
    private async Task<RepoProgram?> PlanRepoAsync(SmctlContext context, Workspace.Shared.Workspace ws, RepoFacts f, FlowModel model, string branch, string name,
        FlowFinishInput input, bool committedFirst, List<Git.PullRequestLink>? proposing, Problems problems, CancellationToken ct)
    {
        if (!f.CheckWorkTree(problems, needClean: !committedFirst)) return null;
        if (proposing is not null && await ProposeUnlessMergedAsync(f, model, branch, name, proposing, problems, ct).ConfigureAwait(false) is { } proposal) return proposal;
        var worktreeSteps = new List<Step>();
        if (input.RemoveWorktree && !RemoveSetWorktree(ws, context, f, name, branch, worktreeSteps, problems)) return null;
        if (!await CheckWorktreesAsync(context, f, model, branch, input.Keep || worktreeSteps.Count > 0, problems, ct).ConfigureAwait(false)) return null;
        var defaults = GitFlowDefaults(f);
        var keep = input.Keep || defaults.Contains("keep");
        var keepLocal = keep || defaults.Contains("keeplocal");
        var keepRemote = keep || defaults.Contains("keepremote");
        var squash = input.Squash || defaults.Contains("squash");
        var noTag = kind != FlowKind.Feature && defaults.Contains("notag");
        var noBackmerge = kind != FlowKind.Feature && defaults.Contains("nobackmerge");
        var tip = f.UpToDateTip(branch, problems);
        var changelog = kind == FlowKind.Release && tip is not null && !input.SkipsChangelog();
        var release = changelog ? await ReleaseCommitAsync(context, f, model, branch, name, tip!, problems, ct).ConfigureAwait(false) : null;
        if (changelog && release is null) return null;
        var sign = kind != FlowKind.Feature && context.Settings.Boolean(Config.Shared.ConfigKeys.ReleaseSign);
        if (sign && f.Git.Read(repo => Git.RepoReader.ConfigUnder(repo, "user.signingkey")).Count == 0)
        {
            problems.Add(f.Repo.Name, "release.sign is true but git has no user.signingkey here: set one (git config user.signingkey KEY) or turn signing off");
            return null;
        }
        var steps = kind == FlowKind.Feature
            ? await FeatureStepsAsync(f, model, branch, tip, squash, committedFirst, problems, ct).ConfigureAwait(false)
            : await ReleaseStepsAsync(f, model, branch, name, tip, input.Message(), squash, noTag, noBackmerge, sign, release, problems, ct).ConfigureAwait(false);
        if (steps is null) return null;
        steps.InsertRange(0, worktreeSteps);
        // What changed goes to the remote in one push: the merged branches, the tag, the finished branch's deletion.
        // It comes before the local branch is deleted: a remote that refuses (a protected develop) leaves the branch here.
        if (f.HasRemote && !input.NoPush)
        {
            var push = new RefsPush([.. steps.OfType<BranchMerge>().Select(m => m.Into).Distinct()], [.. steps.OfType<TagCreate>().Select(t => t.Tag)],
                !keepRemote && f.Remote(branch) is not null ? [branch] : [])
            { Feature = kind == FlowKind.Feature ? name : null };
            if (push.Branches.Count + push.Tags.Count + push.DeleteBranches.Count > 0) steps.Add(push);
        }
        if (!keepLocal) steps.Add(new BranchDelete(branch));
        return new RepoProgram(f.Repo.Name, steps);
    }

    /// <param name="committedFirst">A commit comes onto the branch before the merge (spec archive's): there is always something to merge.</param>
    private static async Task<List<Step>?> FeatureStepsAsync(RepoFacts f, FlowModel model, string branch, string? tip, bool squash, bool committedFirst, Problems problems, CancellationToken ct)
    {
        var target = model.FeatureTarget;
        var steps = new List<Step>();
        var into = f.TargetTip(target, problems, steps);
        if (into is null) { problems.Add(f.Repo.Name, $"has no {target} branch"); return null; }
        if (tip is null) return null;
        // The branch about to be deleted cannot stay checked out: the main work tree moves to the target, as git-flow does.
        if (f.Refs.HeadBranch == branch) steps.Add(new BranchCheckout(target));
        // Merged already (on the forge, by its button: merged, squashed or rebased in): only the clean-up is left.
        if (!committedFirst && await MergeCheck.IntegratedAsync(f.Git, into, tip, ct).ConfigureAwait(false)) return steps;
        var (_, conflicts) = await MergeCheck.TryAsync(f.Git, into, tip, ct, keepCommit: false).ConfigureAwait(false);
        if (conflicts.Count > 0) { problems.Add(f.Repo.Name, $"merging {branch} into {target} conflicts in {string.Join(", ", conflicts)}"); return null; }
        steps.Add(new BranchMerge(target, f.Local(branch) is null ? GitRefs.RemoteBranch(GitRefs.DefaultRemote, branch) : GitRefs.Branch(branch),
            $"Merge branch '{branch}' into {target}", squash)
        { FromCommit = tip });
        return steps;
    }

    /// <summary>
    /// flow.finish = "propose": a feature the remote's integration branch does not hold yet is pushed for its pull
    /// request (the program returned) instead of merged; null when the forge merged it, so the finish cleans up.
    /// </summary>
    private static async Task<RepoProgram?> ProposeUnlessMergedAsync(RepoFacts f, FlowModel model, string branch, string name,
        List<Git.PullRequestLink> links, Problems problems, CancellationToken ct)
    {
        var into = f.Remote(model.FeatureTarget) ?? f.Local(model.FeatureTarget);
        var tip = f.Local(branch) ?? f.Remote(branch);
        if (into is null || tip is null || await MergeCheck.IntegratedAsync(f.Git, into, tip, ct).ConfigureAwait(false)) return null;
        var found = new List<Git.PullRequestLink>();
        var programs = FlowPropose.Plan([f], name, branch, problems, found);
        lock (links) links.AddRange(found);
        return programs.FirstOrDefault() ?? new RepoProgram(f.Repo.Name, []);
    }

    /// <param name="noTag">gitflow.*.finish.notag: no tag; main itself is merged back.</param>
    /// <param name="noBackmerge">gitflow.*.finish.nobackmerge: the release branch, not main (or its tag), is merged into develop.</param>
    private static async Task<List<Step>?> ReleaseStepsAsync(RepoFacts f, FlowModel model, string branch, string version, string? tip, string? tagMessage, bool squash,
        bool noTag, bool noBackmerge, bool sign, FilesCommit? release, Problems problems, CancellationToken ct)
    {
        var tag = model.Tag(version);
        var steps = new List<Step>();
        var main = f.TargetTip(model.Main, problems, steps);
        var develop = model.Trunk ? null : f.TargetTip(model.Develop, problems, steps);
        if (main is null) { problems.Add(f.Repo.Name, $"has no {model.Main} branch"); return null; }
        if (!model.Trunk && develop is null) { problems.Add(f.Repo.Name, $"has no {model.Develop} branch"); return null; }
        if (tip is null) return null;
        if (f.Tag(tag) is { } existing && !f.Git.Read(repo => Git.RepoReader.IsAncestorRev(repo, tip, existing)))
        {
            problems.Add(f.Repo.Name, $"tag {tag} already exists on another commit");
            return null;
        }
        if (f.Refs.HeadBranch == branch) steps.Add(new BranchCheckout(model.Trunk ? model.Main : model.Develop));
        var (merged, conflicts) = await MergeCheck.TryAsync(f.Git, main, tip, ct).ConfigureAwait(false);
        if (conflicts.Count > 0) { problems.Add(f.Repo.Name, $"merging {branch} into {model.Main} conflicts in {string.Join(", ", conflicts)}"); return null; }
        if (release is not null) steps.Add(release);
        steps.Add(new BranchMerge(model.Main, GitRefs.Branch(branch), $"Merge branch '{branch}'", squash) { FromCommit = tip });
        if (!noTag) steps.Add(new TagCreate(tag, GitRefs.Branch(model.Main), tagMessage ?? $"Release {version}", sign));
        if (develop is not null)
        {
            // The back-merge is tried on top of the would-be main merge, so its conflicts show now too.
            var (source, sourceName, message) = noBackmerge ? (tip, GitRefs.Branch(branch), $"Merge branch '{branch}' into {model.Develop}")
                : noTag ? (merged!, GitRefs.Branch(model.Main), $"Merge branch '{model.Main}' into {model.Develop}")
                : (merged!, GitRefs.Tag(tag), $"Merge tag '{tag}' into {model.Develop}");
            var (_, back) = await MergeCheck.TryAsync(f.Git, develop, source, ct, keepCommit: false).ConfigureAwait(false);
            if (back.Count > 0) { problems.Add(f.Repo.Name, $"merging {sourceName} back into {model.Develop} would conflict in {string.Join(", ", back)}"); return null; }
            steps.Add(new BranchMerge(model.Develop, sourceName, message) { FromCommit = noBackmerge ? tip : null });
        }
        return steps;
    }

    /// <summary>The release's changelog and version commit; a problem (a malformed manifest, a version not above the last) stops the whole run.</summary>
    private static async Task<FilesCommit?> ReleaseCommitAsync(SmctlContext context, RepoFacts f, FlowModel model, string branch, string version, string tip,
        Problems problems, CancellationToken ct)
    {
        try
        {
            return await Release.Shared.ReleaseFiles.PlanAsync(context.Git, f.Repo, model, branch, version, tip, ct).ConfigureAwait(false);
        }
        catch (Errors.SmctlException e)
        {
            problems.Add(f.Repo.Name, e.Message.StartsWith(f.Repo.Name + ": ", StringComparison.Ordinal) ? e.Message[(f.Repo.Name.Length + 2)..] : e.Message);
            return null;
        }
    }

    /// <summary>Plans removing the repo's worktree of this branch in its set (smctl done); a dirty one is a problem.</summary>
    private bool RemoveSetWorktree(Workspace.Shared.Workspace ws, SmctlContext context, RepoFacts f, string name, string branch, List<Step> steps, Problems problems)
    {
        var layout = new Worktree.Shared.WorktreeLayout(ws, context.Settings);
        var folder = layout.FolderFor(layout.SetDir(kind, name), f.Repo);
        var wt = Git.RepoReader.Worktrees(f.Repo.FullPath).Skip(1).FirstOrDefault(w => Path.GetFullPath(w.Path) == Path.GetFullPath(folder));
        if (wt is null) return true;
        if (!wt.Stale && Git.RepoReader.Status(f.Repo.Name, wt.Path) is { Dirty: true } status)
        {
            var files = string.Join(", ", Git.RepoReader.ChangedFiles(wt.Path).Take(8));
            // Untracked files alone are most often build output: say how to let them go rather than only refusing.
            problems.Add(f.Repo.Name, status.HasTrackedChanges
                ? $"its worktree {wt.Path} has uncommitted changes: {files}"
                : $"its worktree {wt.Path} has untracked files (build output?): {files} — add them to .gitignore, delete them "
                  + $"(git -C {wt.Path} clean -n lists what git clean would remove), or remove the set first with 'smctl worktree remove {name} --force'");
            return false;
        }
        steps.Add(new Plans.Steps.WorktreeRemove(folder));
        return true;
    }

    /// <summary>In the trunk model a release is an annotated tag on main, in every selected repo.</summary>
    private static Plan TrunkRelease(RepoFacts[] facts, string version, FlowFinishInput input, Problems problems, string label)
    {
        var programs = new List<RepoProgram>();
        foreach (var f in facts)
        {
            var model = f.Flow;
            var tag = model.Tag(version);
            if (!f.CheckWorkTree(problems, needClean: false)) continue;
            if (f.Tag(tag) is not null) { problems.Add(f.Repo.Name, $"tag {tag} already exists"); continue; }
            var steps = new List<Step>();
            if (f.TargetTip(model.Main, problems, steps) is null) { problems.Add(f.Repo.Name, $"has no {model.Main} branch"); continue; }
            steps.Add(new TagCreate(tag, GitRefs.Branch(model.Main), input.Message() ?? $"Release {version}"));
            if (f.HasRemote && !input.NoPush) steps.Add(new RefsPush([], [tag], []));
            programs.Add(new RepoProgram(f.Repo.Name, steps));
        }
        problems.ThrowIfAny(label);
        return new Plan(Plan.NewId(label), label, programs);
    }

    /// <summary>
    /// Finishing never takes a branch from another work tree: the branch being finished must not be checked out in a
    /// linked work tree (it is deleted), and a target checked out in one must be clean there (the merge runs there).
    /// </summary>
    private async Task<bool> CheckWorktreesAsync(SmctlContext context, RepoFacts f, FlowModel model, string branch, bool keep, Problems problems, CancellationToken ct)
    {
        var main = Path.GetFullPath(f.Repo.FullPath);
        var holder = await f.Git.WorktreeOfAsync(branch, ct).ConfigureAwait(false);
        if (holder is not null && !keep && Path.GetFullPath(holder) != main)
        {
            problems.Add(f.Repo.Name, $"{branch} is checked out in the work tree {holder}: remove it first (smctl worktree remove), or pass {context.Flag("keep")}");
            return false;
        }
        // Where the main work tree goes when the finished branch leaves it (see the BranchCheckout steps).
        var landing = kind == FlowKind.Feature ? model.FeatureTarget : model.Trunk ? model.Main : model.Develop;
        var ok = true;
        foreach (var target in new[] { model.Main, model.Develop }.Distinct())
        {
            var wt = await f.Git.WorktreeOfAsync(target, ct).ConfigureAwait(false);
            if (wt is null || Path.GetFullPath(wt) == main) continue;
            var status = Git.RepoReader.Status(f.Repo.Name, wt);
            if (status.HasTrackedChanges || status.Operation is not null)
            {
                problems.Add(f.Repo.Name, $"{target} is checked out in {wt}, which has uncommitted changes: the merge runs there, so commit or stash them");
                ok = false;
            }
            if (f.Refs.HeadBranch == branch && target == landing)
            {
                problems.Add(f.Repo.Name, $"{branch} is checked out here and {target} in {wt}: switch this work tree to another branch first");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>git-flow's per-repo defaults: the flags set true under gitflow.&lt;kind&gt;.finish.*, read in one pass over the config.</summary>
    private HashSet<string> GitFlowDefaults(RepoFacts f)
    {
        var prefix = $"gitflow.{kind.ToString().ToLowerInvariant()}.finish.";
        return f.Git.Read(repo => Git.RepoReader.ConfigUnder(repo, prefix))
            .Where(e => e.Value.ToLowerInvariant() is "true" or "yes" or "on" or "1")
            .Select(e => e.Key[prefix.Length..]).ToHashSet();
    }
}

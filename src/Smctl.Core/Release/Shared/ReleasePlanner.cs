using Semver;
using Smctl.Core.Branches;
using Smctl.Core.Config.Shared;
using Smctl.Core.Git;

namespace Smctl.Core.Release.Shared;

public sealed record PlannedCommit(string Sha, string? Type, string? Scope, bool Breaking, string Subject, string Group);

/// <summary>One repo's next release: from its last tag and the commits since.</summary>
/// <param name="LastTag">The tag the plan counts from: the highest release tag merged into <paramref name="To"/>.</param>
/// <param name="NextTag">The tag the release would make, with the repo's own prefix (none for repos tagged 2.8.0).</param>
public sealed record RepoReleasePlan(string Repo, string To, string? LastTag, string? LastVersion, Bump Bump, string NextVersion, string NextTag, IReadOnlyList<PlannedCommit> Commits)
{
    /// <summary>What the plan could not take at face value: a version raised above one already tagged, tags that are not versions.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Commits since the last release left out of <see cref="Commits"/> (release plan's commit limit).</summary>
    public int? OmittedCommits { get; init; }

    public bool HasChanges => Commits.Count > 0 || OmittedCommits > 0;
}

/// <summary>Reads every selected repo's history and works out the versions a release would take.</summary>
public static class ReleasePlanner
{
    public static async Task<(IReadOnlyList<ReleaseHistory> Histories, IReadOnlyList<RepoReleasePlan> Plans, string? LockstepVersion)> PlanAsync(
        SmctlContext context, IReadOnlyCollection<string>? repos, string? to, string? from, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var workspace = FlowModel.From(context.Settings);
        var rules = VersionRules.From(context.Settings);
        var selected = ws.Select(repos);
        // Each repo's branch model is read in the same parallel pass as its history.
        var read = await Workspace.Shared.RepoParallel.MapAsync(selected, context.Jobs, async (repo, token) =>
        {
            var model = RepoFlow.Of(workspace, repo);
            return (Model: model, History: await ReleaseHistory.ReadAsync(context.Git, repo, model.TagPrefix, to ?? DefaultRef(repo, model), from, token).ConfigureAwait(false));
        }, ct).ConfigureAwait(false);
        var histories = read.Select(r => r.History).ToList();
        var plans = read.Select(r => Plan(r.History, rules, r.Model)).ToList();
        string? lockstep = null;
        if (context.Settings.Text(ConfigKeys.ReleaseMode) == "lockstep")
        {
            // One version for all: the highest released version, moved by the largest bump any repo calls for, above every tag.
            var last = histories.Select(h => h.LastVersion).Where(v => v is not null).OrderByDescending(v => v!, SemVersion.PrecedenceComparer).FirstOrDefault();
            var bump = plans.Select(p => p.Bump).DefaultIfEmpty(Bump.None).Max();
            var highest = histories.Select(h => h.HighestTagged).OfType<TagVersion>().OrderByDescending(t => t.Version, SemVersion.PrecedenceComparer).Cast<TagVersion?>().FirstOrDefault();
            lockstep = AboveTagged(rules, rules.Next(last, bump), bump, highest).Version.ToString();
        }
        return (histories, plans, lockstep);
    }

    public static RepoReleasePlan Plan(ReleaseHistory h, VersionRules rules, FlowModel model)
    {
        var bump = VersionRules.Of(h.Commits);
        var (next, raised) = AboveTagged(rules, rules.Next(h.LastVersion, bump), bump, h.HighestTagged);
        var warnings = new List<string>();
        if (raised) warnings.Add($"{next} rather than {rules.Next(h.LastVersion, bump)}: {h.HighestTagged!.Value.Tag} is already tagged");
        if (h.Unreadable.Count > 0)
            warnings.Add($"skipped {h.Unreadable.Count} tag(s) that are not semantic versions: {string.Join(", ", h.Unreadable.Take(5))}{(h.Unreadable.Count > 5 ? ", …" : "")}");
        return new RepoReleasePlan(h.Repo, h.To, h.LastTag, h.LastVersion?.ToString(), bump, next.ToString(), model.Tag(next.ToString()),
            h.Commits.Select(c => new PlannedCommit(c.Sha, c.Type, c.Scope, c.Breaking, c.Subject, c.Group)).ToList())
        { Warnings = warnings.Count > 0 ? warnings : null };
    }

    /// <summary>
    /// A release never lands at or below a version already tagged (2.7.1 while 2.8.0 or 2.9.0-preview3 exists):
    /// above a pre-release it becomes that release (2.9.0); above a release, the bump is applied to it (at least a patch).
    /// </summary>
    private static (SemVersion Version, bool Raised) AboveTagged(VersionRules rules, SemVersion next, Bump bump, TagVersion? highest)
    {
        if (bump == Bump.None || highest is not { } top || next.ComparePrecedenceTo(top.Version) > 0) return (next, false);
        var raised = top.Version.IsPrerelease ? new SemVersion(top.Version.Major, top.Version.Minor, top.Version.Patch) : rules.Next(top.Version, bump);
        return (raised, true);
    }

    /// <summary>Where a release's commits gather: develop in git flow, main in trunk; HEAD when that branch is missing.</summary>
    private static string DefaultRef(Workspace.Shared.RepoEntry repo, FlowModel model)
    {
        var branch = model.Trunk ? model.Main : model.Develop;
        return Git.RepoReader.Resolve(repo.FullPath, GitRefs.Branch(branch)) is null ? "HEAD" : branch;
    }
}

using Semver;
using Smctl.Core.Branches;
using Smctl.Core.Config.Shared;
using Smctl.Core.Git;

namespace Smctl.Core.Release.Shared;

public sealed record PlannedCommit(string Sha, string? Type, string? Scope, bool Breaking, string Subject, string Group);

/// <summary>One repo's next release: from its last tag and the commits since.</summary>
public sealed record RepoReleasePlan(string Repo, string To, string? LastTag, string? LastVersion, Bump Bump, string NextVersion, IReadOnlyList<PlannedCommit> Commits)
{
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
        var model = FlowModel.From(context.Settings);
        var rules = VersionRules.From(context.Settings);
        var selected = ws.Select(repos);
        var histories = await Workspace.Shared.RepoParallel.MapAsync(selected, context.Jobs, (repo, token) =>
            ReleaseHistory.ReadAsync(context.Git, repo, model.TagPrefix, to ?? DefaultRef(repo, model), from, token), ct).ConfigureAwait(false);
        var plans = histories.Select(h => Plan(h, rules)).ToList();
        string? lockstep = null;
        if (context.Settings.Text(ConfigKeys.ReleaseMode) == "lockstep")
        {
            // One version for all: the highest released version, moved by the largest bump any repo calls for.
            var last = histories.Select(h => h.LastVersion).Where(v => v is not null).OrderByDescending(v => v!, SemVersion.PrecedenceComparer).FirstOrDefault();
            var bump = plans.Select(p => p.Bump).DefaultIfEmpty(Bump.None).Max();
            lockstep = rules.Next(last, bump).ToString();
        }
        return (histories, plans, lockstep);
    }

    public static RepoReleasePlan Plan(ReleaseHistory h, VersionRules rules)
    {
        var bump = VersionRules.Of(h.Commits);
        return new RepoReleasePlan(h.Repo, h.To, h.LastTag, h.LastVersion?.ToString(), bump, rules.Next(h.LastVersion, bump).ToString(),
            h.Commits.Select(c => new PlannedCommit(c.Sha, c.Type, c.Scope, c.Breaking, c.Subject, c.Group)).ToList());
    }

    /// <summary>Where a release's commits gather: develop in git flow, main in trunk; HEAD when that branch is missing.</summary>
    private static string DefaultRef(Workspace.Shared.RepoEntry repo, FlowModel model)
    {
        var branch = model.Trunk ? model.Main : model.Develop;
        return Git.RepoReader.Resolve(repo.FullPath, GitRefs.Branch(branch)) is null ? "HEAD" : branch;
    }
}

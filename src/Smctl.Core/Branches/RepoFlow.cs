using Semver;
using Smctl.Core.Git;
using Smctl.Core.Plans;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Branches;

/// <summary>
/// One repo's branch model: the workspace's, with the production and integration branches and the tag prefix that
/// repo really uses, so a workspace mixing <c>master</c> and <c>main</c>, <c>v2.8.0</c> and <c>2.8.0</c> works without flags.
/// </summary>
public static class RepoFlow
{
    /// <summary>Production branch names AVH's <c>git flow init -d</c> tries, in its order.</summary>
    private static readonly string[] MainGuesses = ["production", "main", "master"];

    /// <summary>
    /// Main: the manifest's <c>main_branch</c>, else its <c>default_branch</c> (unless that is the integration branch),
    /// else the repo's <c>gitflow.branch.master</c>, else the workspace's — and when that branch is nowhere in the repo,
    /// the first of production/main/master it has (as AVH's <c>-d</c>). Develop: <c>develop_branch</c>, else
    /// <c>gitflow.branch.develop</c>, else the workspace's. The tag prefix: <c>tag_prefix</c>, else the one the repo's
    /// highest version tag carries, else the workspace's.
    /// </summary>
    public static FlowModel Resolve(FlowModel workspace, RepoEntry repo, RefSnapshot refs, Func<string, string?> gitConfig)
    {
        var develop = repo.DevelopBranch ?? Valid(gitConfig("gitflow.branch.develop")) ?? workspace.Develop;
        var main = repo.MainBranch
            ?? (repo.DefaultBranch is { } d && IsProductionCandidate(workspace, d, develop) ? d : null)
            ?? Valid(gitConfig("gitflow.branch.master"))
            ?? Detected(workspace.Main, develop, refs);
        if (workspace.Trunk) develop = main;
        var tagPrefix = repo.TagPrefix ?? DetectTagPrefix(refs, workspace.TagPrefix) ?? workspace.TagPrefix;
        return workspace with { Main = main, Develop = develop, TagPrefix = tagPrefix };
    }

    /// <summary>
    /// A default branch is the clone's checkout (origin/HEAD, else the branch checked out at scan time): neither the
    /// integration branch (GitHub defaults of git-flow repos are often develop) nor a flow branch is a production branch.
    /// </summary>
    private static bool IsProductionCandidate(FlowModel workspace, string branch, string develop) =>
        branch != develop && !new[] { workspace.FeaturePrefix, workspace.ReleasePrefix, workspace.HotfixPrefix }
            .Any(p => p.Length > 0 && branch.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The repo's branch model read straight from its folder (commands that do not gather RepoFacts); the workspace's when it is not a repo.</summary>
    public static FlowModel Of(FlowModel workspace, RepoEntry repo)
    {
        if (!Directory.Exists(repo.FullPath) || !RepoReader.IsRepository(repo.FullPath)) return workspace;
        using var handle = new LibGit2Sharp.Repository(repo.FullPath);
        var (refs, head, commit) = RepoReader.AllRefs(handle, GitRefs.DefaultRemote);
        return Resolve(workspace, repo, new RefSnapshot(refs, head, commit), key => handle.Config.Get<string>(key)?.Value);
    }

    /// <summary>The workspace's name when the repo has that branch, else the first AVH guess it has, else the workspace's name.</summary>
    private static string Detected(string preferred, string develop, RefSnapshot refs) =>
        new[] { preferred }.Concat(MainGuesses).Where(b => b != develop).FirstOrDefault(b => Has(refs, b)) ?? preferred;

    private static bool Has(RefSnapshot refs, string branch) =>
        refs[GitRefs.Branch(branch)] is not null || refs[GitRefs.RemoteBranch(GitRefs.DefaultRemote, branch)] is not null;

    private static string? Valid(string? branch) => branch is { Length: > 0 } && BranchName.Problem(branch) is null ? branch : null;

    /// <summary>The prefixes a version tag is read with: the workspace's, "v" and none.</summary>
    public static IReadOnlyList<string> KnownTagPrefixes(string configured) => new[] { configured, "v", "" }.Distinct().ToList();

    /// <summary>The prefix of the highest release version tagged (any pre-release when there is no release), or null without version tags.</summary>
    public static string? DetectTagPrefix(RefSnapshot refs, string configured)
    {
        var tags = refs.Refs.Keys.Where(k => k.StartsWith(GitRefs.Tags, StringComparison.Ordinal)).Select(k => k[GitRefs.Tags.Length..]);
        var best = TagVersions.Read(tags, configured).OrderByDescending(t => t.Version.IsRelease).ThenByDescending(t => t.Version, SemVersion.PrecedenceComparer)
            .Cast<TagVersion?>().FirstOrDefault();
        return best?.Prefix;
    }
}

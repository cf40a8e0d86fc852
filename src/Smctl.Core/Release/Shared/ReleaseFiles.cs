using Smctl.Core.Branches;
using Smctl.Core.Git;
using Smctl.Core.Plans.Steps;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Release.Shared;

/// <summary>What a release finish commits on the release branch before merging it: the changelog section and the version fields.</summary>
public static class ReleaseFiles
{
    public const string ChangelogFile = "CHANGELOG.md";

    /// <summary>
    /// The commit for <paramref name="version"/> on <paramref name="branch"/> (at <paramref name="tip"/>): a new section at the top
    /// of CHANGELOG.md (the file made in Keep a Changelog form when missing) and every recognised manifest's version.
    /// A malformed manifest or a version not above the last release is an error, raised while planning.
    /// </summary>
    public static async Task<FilesCommit> PlanAsync(GitRunner git, RepoEntry repo, FlowModel model, string branch, string version, string tip, CancellationToken ct)
    {
        var history = await ReleaseHistory.ReadAsync(git, repo, model.TagPrefix, tip, null, ct).ConfigureAwait(false);
        var target = Semver.SemVersion.Parse(version, Semver.SemVersionStyles.Strict);
        if (history.LastVersion is { } last && target.ComparePrecedenceTo(last) <= 0)
            throw new Errors.SmctlException(Errors.ErrorKind.Usage, $"{repo.Name}: {version} is not above the last release {history.LastTag}",
                "choose a higher version (see 'smctl release plan')", repo.Name);
        var names = (await git.RunCheckedAsync(repo.FullPath, ["ls-tree", "--name-only", tip], repo.Name, ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var texts = new Dictionary<string, string>();
        foreach (var name in names.Where(n => n == ChangelogFile || ManifestVersions.Recognised(n)))
            texts[name] = RepoReader.FileAt(repo.FullPath, tip, name) ?? "";
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var existing = texts.GetValueOrDefault(ChangelogFile);
        var changelog = Changelog.Insert(existing, Changelog.Section(version, date, history, style: Changelog.StyleOf(existing), tag: model.Tag(version)));
        var writes = new List<FileWrite> { new(ChangelogFile, changelog) };
        writes.AddRange(ManifestVersions.Plan(repo.Name, texts.Where(t => t.Key != ChangelogFile).ToDictionary(), version)
            .Where(e => e.NewText != texts[e.File]).Select(e => new FileWrite(e.File, e.NewText)));
        var diff = await IO.TextDiff.UnifiedAsync(git, writes.Select(w => (w.Path, texts.GetValueOrDefault(w.Path), (string?)w.Content)), ct).ConfigureAwait(false);
        return new FilesCommit(branch, writes, $"chore(release): {version}", diff) { Parent = tip };
    }
}

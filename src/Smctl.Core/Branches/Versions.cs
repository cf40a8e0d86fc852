using Semver;
using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Branches;

/// <summary>Release versions read from tags.</summary>
public static class Versions
{
    /// <summary>The next patch version after the highest release tag in any of the repos (0.0.1 when there is none).</summary>
    public static string NextPatch(IEnumerable<RepoFacts> repos, FlowModel model)
    {
        var latest = repos.Select(r => Latest(r, model)).OfType<SemVersion>().OrderByDescending(v => v, SemVersion.PrecedenceComparer).FirstOrDefault();
        return latest is null ? "0.0.1" : latest.WithPatch(latest.Patch + 1).ToString();
    }

    /// <summary>The highest release version tagged in the repo, or null.</summary>
    public static SemVersion? Latest(RepoFacts repo, FlowModel model)
    {
        var prefix = GitRefs.Tags + model.TagPrefix;
        return repo.Refs.Refs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => SemVersion.TryParse(k[prefix.Length..], SemVersionStyles.Strict, out var v) && v.IsRelease ? v : null)
            .OfType<SemVersion>().OrderByDescending(v => v, SemVersion.PrecedenceComparer).FirstOrDefault();
    }

    public static SemVersion Parse(string text) =>
        SemVersion.TryParse(text, SemVersionStyles.OptionalMinorPatch, out var v) ? v : throw SmctlException.Usage($"'{text}' is not a semantic version.");
}

using Semver;
using Smctl.Core.Errors;

namespace Smctl.Core.Flow.Shared;

/// <summary>Release versions read from tags.</summary>
public static class Versions
{
    /// <summary>The next patch version after the highest release tag in any of the repos (0.0.1 when there is none).</summary>
    public static string NextPatch(IEnumerable<RepoFacts> repos, FlowModel model)
    {
        SemVersion? latest = null;
        foreach (var tag in repos.SelectMany(r => r.Refs.Refs.Keys).Where(k => k.StartsWith("refs/tags/" + model.TagPrefix, StringComparison.Ordinal)))
        {
            var text = tag[("refs/tags/" + model.TagPrefix).Length..];
            if (SemVersion.TryParse(text, SemVersionStyles.Strict, out var v) && v.IsRelease && (latest is null || v.ComparePrecedenceTo(latest) > 0))
                latest = v;
        }
        if (latest is null) return "0.0.1";
        return latest.WithPatch(latest.Patch + 1).ToString();
    }

    public static SemVersion Parse(string text) =>
        SemVersion.TryParse(text, SemVersionStyles.OptionalMinorPatch, out var v) ? v : throw SmctlException.Usage($"'{text}' is not a semantic version.");
}

using Semver;
using Smctl.Core.Config.Shared;

namespace Smctl.Core.Release.Shared;

public enum Bump
{
    None,
    Patch,
    Minor,
    Major,
}

/// <summary>Which part of the version the commits since a release call for, and the version that makes.</summary>
public sealed record VersionRules(bool FeaturesAlwaysBumpMinor, bool BreakingAlwaysBumpsMajor, SemVersion Initial)
{
    public static VersionRules From(Settings settings)
    {
        var initial = settings.Text(ConfigKeys.ReleaseInitialVersion);
        if (!SemVersion.TryParse(initial, SemVersionStyles.OptionalMinorPatch, out var v))
            throw Errors.SmctlException.Usage($"release.initial_version '{initial}' is not a semantic version", "e.g. smctl config set release.initial_version 0.1.0");
        return new VersionRules(settings.Boolean(ConfigKeys.ReleaseFeaturesBumpMinor), settings.Boolean(ConfigKeys.ReleaseBreakingBumpsMajor), v);
    }

    /// <summary>Breaking → major, feat → minor, anything else → patch; nothing when there are no commits.</summary>
    public static Bump Of(IReadOnlyCollection<ConventionalCommit> commits) =>
        commits.Count == 0 ? Bump.None
        : commits.Any(c => c.Breaking) ? Bump.Major
        : commits.Any(c => c.Type == "feat") ? Bump.Minor
        : Bump.Patch;

    /// <summary>
    /// The next version after <paramref name="last"/> (the initial version when there is none). Before 1.0.0 a
    /// breaking change bumps minor unless BreakingAlwaysBumpsMajor, and a feature bumps patch unless FeaturesAlwaysBumpMinor.
    /// </summary>
    public SemVersion Next(SemVersion? last, Bump bump)
    {
        if (last is null) return Initial;
        var preOne = last.Major == 0;
        var effective = bump switch
        {
            Bump.Major when preOne && !BreakingAlwaysBumpsMajor => Bump.Minor,
            Bump.Minor when preOne && !FeaturesAlwaysBumpMinor => Bump.Patch,
            _ => bump,
        };
        return effective switch
        {
            Bump.Major => new SemVersion(last.Major + 1, 0, 0),
            Bump.Minor => new SemVersion(last.Major, last.Minor + 1, 0),
            Bump.Patch => new SemVersion(last.Major, last.Minor, last.Patch + 1),
            _ => last,
        };
    }
}

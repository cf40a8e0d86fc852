using System.Text.RegularExpressions;
using Semver;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Branches;

/// <summary>The branch model in force: branch names, prefixes and where each kind starts and finishes.</summary>
public sealed partial record FlowModel(string Main, string Develop, string FeaturePrefix, string ReleasePrefix, string HotfixPrefix, string TagPrefix, bool Trunk)
{
    public static FlowModel From(Settings s) => new(
        BranchName.Validate(s.Text(ConfigKeys.MainBranch), "main branch name"),
        BranchName.Validate(s.Text(ConfigKeys.DevelopBranch), "develop branch name"),
        s.Text(ConfigKeys.FeaturePrefix), s.Text(ConfigKeys.ReleasePrefix), s.Text(ConfigKeys.HotfixPrefix), s.Text(ConfigKeys.TagPrefix),
        s.Text(ConfigKeys.FlowModel) == "trunk");

    public string Prefix(FlowKind kind) => kind switch
    {
        FlowKind.Feature => FeaturePrefix,
        FlowKind.Release => ReleasePrefix,
        _ => HotfixPrefix,
    };

    public string Branch(FlowKind kind, string name) => Prefix(kind) + name;

    /// <summary>Where a branch of this kind starts from: features from develop (main in trunk), hotfixes from main.</summary>
    public string Base(FlowKind kind) => kind == FlowKind.Hotfix || Trunk ? Main : Develop;

    /// <summary>Where a finished feature goes.</summary>
    public string FeatureTarget => Trunk ? Main : Develop;

    public string Tag(string version) => TagPrefix + version;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Longest feature name: it becomes a folder name and a branch part with a prefix in front, both held to 255 bytes.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A feature name: lower-case letters, digits, '.', '_', '-', starting with a letter or digit.</summary>
    public static string ValidateName(string name)
    {
        if (name.Length > MaxNameLength)
            throw SmctlException.Usage($"'{BranchName.Shown(name)}' is not a valid name: it is longer than {MaxNameLength} characters.",
                "for example: smctl flow feature start gpu-accel");
        if (!NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal) || name.EndsWith(".lock", StringComparison.Ordinal) || name.EndsWith('.'))
            throw SmctlException.Usage($"'{name}' is not a valid name: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.",
                "for example: smctl flow feature start gpu-accel");
        return name;
    }

    /// <summary>A release or hotfix version: semver, with "1.0" read as 1.0.0.</summary>
    public static string ValidateVersion(string version)
    {
        var text = version.StartsWith('v') ? version[1..] : version;
        if (!SemVersion.TryParse(text, SemVersionStyles.OptionalMinorPatch, out var parsed))
            throw SmctlException.Usage($"'{version}' is not a semantic version.", "write it like 1.4.0 (or 1.4, read as 1.4.0)");
        return parsed.ToString();
    }
}

using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Release.Shared;

namespace Smctl.Core.Release;

public sealed record ReleasePlanInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("The ref to release from (default: develop; main in trunk)")]
    [Option(HelpName = "REF")]
    public string? To { get; init; }
    [Description("At most this many commits per repo, most significant first")]
    [Option(HelpName = "N")]
    public int? Commits { get; init; }
    [Description("Only the repos with commits since their last release")]
    public bool ChangedOnly { get; init; }
}

/// <param name="Mode">lockstep (one version for all repos) or independent.</param>
/// <param name="WorkspaceVersion">In lockstep: the one version every repo would take.</param>
/// <param name="Rules">The pre-1.0 rules in force, in words.</param>
public sealed record ReleasePlanResult(string Mode, string? WorkspaceVersion, string Rules, IReadOnlyList<RepoReleasePlan> Repos);

/// <summary>For each repo: the last release tag, the commits since as Conventional Commits, and the version they call for.</summary>
public sealed class ReleasePlan : IOperation<ReleasePlanInput, ReleasePlanResult>
{
    public OperationInfo Info { get; } = new("release.plan",
        "Per repo: the last release tag, the Conventional Commits since, and the next version they call for.",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<ReleasePlanInput> InputJson => SmctlJson.Default.ReleasePlanInput;
    public JsonTypeInfo<ReleasePlanResult> ResultJson => SmctlJson.Default.ReleasePlanResult;

    public async Task<ReleasePlanResult> RunAsync(SmctlContext context, ReleasePlanInput input, CancellationToken ct)
    {
        if (input.Commits is < 0) throw SmctlException.Usage($"{context.Option("commits")} must be 0 or more");
        var (_, plans, lockstep) = await ReleasePlanner.PlanAsync(context, input.Repos, input.To, from: null, ct).ConfigureAwait(false);
        var rules = VersionRules.From(context.Settings);
        // A plan of fifty repos lists thousands of commits: a model (or a person) asks for the versions and a few
        // commits each, and is told how many more there are.
        var shown = plans.Where(p => !input.ChangedOnly || p.HasChanges).Select(p => input.Commits is { } most && p.Commits.Count > most
            ? p with { Commits = [.. p.Commits.OrderBy(Significance).Take(most)], OmittedCommits = p.Commits.Count - most }
            : p).ToList();
        return new ReleasePlanResult(context.Settings.Text(ConfigKeys.ReleaseMode), lockstep, Describe(rules), shown);
    }

    /// <summary>Breaking changes first, then features, fixes, and the rest (a stable sort keeps history order within each).</summary>
    private static int Significance(PlannedCommit c) => c.Breaking ? 0 : c.Type switch { "feat" => 1, "fix" => 2, _ => 3 };

    public static string Describe(VersionRules rules) =>
        "breaking change: major; feat: minor; anything else: patch. Before 1.0.0: a breaking change bumps "
        + (rules.BreakingAlwaysBumpsMajor ? "major" : "minor") + " (release.breaking_always_bump_major), a feat bumps "
        + (rules.FeaturesAlwaysBumpMinor ? "minor" : "patch") + $" (release.features_always_bump_minor). No release tag yet: {rules.Initial} (release.initial_version).";
}

using System.ComponentModel;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Release.Shared;

namespace Smctl.Core.Release;

public sealed record ReleaseNotesInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Start after this tag (default: each repo's last release tag)")]
    [Option(HelpName = "TAG")]
    public string? From { get; init; }
    [Description("Up to this ref (default: develop; main in trunk)")]
    [Option(HelpName = "REF")]
    public string? To { get; init; }
}

public sealed record RepoNotes(string Repo, string? From, string To, string Version, string Markdown);

/// <param name="Combined">One cross-repo section: every repo's changes, group by group, each line naming its repo.</param>
public sealed record ReleaseNotesResult(IReadOnlyList<RepoNotes> Repos, string Combined);

/// <summary>Release notes in Keep a Changelog form, per repo and combined across repos.</summary>
public sealed class ReleaseNotes : IOperation<ReleaseNotesInput, ReleaseNotesResult>
{
    public OperationInfo Info { get; } = new("release.notes",
        "Release notes (breaking changes first, commit links on known forges), per repo and combined.",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<ReleaseNotesInput> InputJson => SmctlJson.Default.ReleaseNotesInput;
    public JsonTypeInfo<ReleaseNotesResult> ResultJson => SmctlJson.Default.ReleaseNotesResult;

    public async Task<ReleaseNotesResult> RunAsync(SmctlContext context, ReleaseNotesInput input, CancellationToken ct)
    {
        var (histories, plans, lockstep) = await ReleasePlanner.PlanAsync(context, input.Repos, input.To, input.From, ct).ConfigureAwait(false);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var notes = histories.Zip(plans, (h, p) =>
        {
            var version = input.To is not null ? Title(input.To) : lockstep ?? p.NextVersion;
            return new RepoNotes(h.Repo, h.LastTag, h.To, version, Changelog.Section(version, date, h));
        }).ToList();
        return new ReleaseNotesResult(notes, Combined(histories, lockstep ?? (input.To is not null ? Title(input.To) : "Unreleased"), date));
    }

    private static string Title(string to) => to.TrimStart('v');

    /// <summary>A workspace-wide section: the same groups, each line prefixed with its repo.</summary>
    public static string Combined(IReadOnlyList<ReleaseHistory> histories, string title, string date)
    {
        // Keep a Changelog: the Unreleased section has no date.
        var text = new StringBuilder(title == "Unreleased" ? "## [Unreleased]\n" : $"## [{title}] - {date}\n");
        void Group(string heading, Func<ConventionalCommit, bool> pick, Func<ConventionalCommit, string> line)
        {
            var lines = histories.SelectMany(h => h.Commits.Where(pick).Select(c => $"- **{h.Repo}**: {line(c)} ({c.Sha[..Math.Min(7, c.Sha.Length)]})")).ToList();
            if (lines.Count == 0) return;
            text.Append($"\n### {heading}\n\n").Append(string.Join("\n", lines)).Append('\n');
        }
        Group("⚠ BREAKING CHANGES", c => c.Breaking, c => c.BreakingNote ?? c.Description);
        foreach (var group in ConventionalCommit.Groups) Group(group, c => c.Group == group, c => (c.Scope is null ? "" : $"{c.Scope}: ") + c.Description);
        return text.ToString();
    }
}

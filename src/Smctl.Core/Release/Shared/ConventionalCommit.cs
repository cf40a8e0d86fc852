using System.Text.RegularExpressions;

namespace Smctl.Core.Release.Shared;

/// <summary>
/// A commit read as a Conventional Commit (conventionalcommits.org 1.0.0): <c>type(scope)!: description</c>,
/// a body, and footers, of which <c>BREAKING CHANGE:</c> (or <c>BREAKING-CHANGE:</c>) marks a breaking change.
/// A message that does not follow the form is kept, with no type, and grouped under "Other".
/// </summary>
public sealed partial record ConventionalCommit(string Sha, string Subject, string? Type, string? Scope, bool Breaking, string Description, string? BreakingNote)
{
    [GeneratedRegex(@"^(?<type>[A-Za-z][A-Za-z0-9-]*)(\((?<scope>[^()\r\n]*)\))?(?<bang>!)?: (?<desc>\S.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^BREAKING[ -]CHANGE: ?(?<note>.*)$", RegexOptions.Multiline)]
    private static partial Regex BreakingFooter();

    public bool IsConventional => Type is not null;

    public static ConventionalCommit Parse(string sha, string message)
    {
        var text = message.Replace("\r\n", "\n").Trim();
        var subject = text.Split('\n')[0].Trim();
        var body = text.Length > subject.Length ? text[subject.Length..] : "";
        var header = Header().Match(subject);
        if (!header.Success) return new ConventionalCommit(sha, subject, null, null, false, subject, null);
        var footer = BreakingFooter().Match(body);
        var note = footer.Success ? footer.Groups["note"].Value.Trim() : null;
        return new ConventionalCommit(sha, subject, header.Groups["type"].Value.ToLowerInvariant(),
            header.Groups["scope"].Success && header.Groups["scope"].Value.Length > 0 ? header.Groups["scope"].Value : null,
            header.Groups["bang"].Success || footer.Success, header.Groups["desc"].Value.Trim(), note is { Length: > 0 } ? note : null);
    }

    /// <summary>
    /// The Keep a Changelog section the commit belongs in: feat → Added, fix → Fixed, perf/refactor/style/revert → Changed,
    /// deprecate → Deprecated, remove → Removed, security → Security; every other type, and every non-conventional commit, → Other.
    /// </summary>
    public string Group => Type switch
    {
        "feat" => "Added",
        "fix" => "Fixed",
        "perf" or "refactor" or "style" or "revert" => "Changed",
        "deprecate" or "deprecated" => "Deprecated",
        "remove" or "removed" => "Removed",
        "security" or "sec" => "Security",
        _ => "Other",
    };

    /// <summary>The order of sections in a release's notes (breaking changes come before all of them).</summary>
    public static readonly IReadOnlyList<string> Groups = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Other"];

    /// <summary>The section in release-please's / conventional-changelog's form: feat → Features, fix → Bug Fixes, …</summary>
    public string ConventionalGroup => Type switch
    {
        "feat" => "Features",
        "fix" => "Bug Fixes",
        "perf" => "Performance Improvements",
        "revert" => "Reverts",
        "refactor" => "Code Refactoring",
        "docs" => "Documentation",
        "deps" => "Dependencies",
        _ => "Miscellaneous Chores",
    };

    private static readonly IReadOnlyList<string> ConventionalGroups =
        ["Features", "Bug Fixes", "Performance Improvements", "Reverts", "Code Refactoring", "Documentation", "Dependencies", "Miscellaneous Chores"];

    public string GroupIn(ChangelogStyle style) => style == ChangelogStyle.ConventionalChangelog ? ConventionalGroup : Group;

    public static IReadOnlyList<string> GroupsIn(ChangelogStyle style) => style == ChangelogStyle.ConventionalChangelog ? ConventionalGroups : Groups;
}

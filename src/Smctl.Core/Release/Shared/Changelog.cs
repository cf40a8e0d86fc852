using System.Text;
using System.Text.RegularExpressions;

namespace Smctl.Core.Release.Shared;

/// <summary>How a CHANGELOG.md is written: Keep a Changelog, or release-please's / conventional-changelog's form.</summary>
public enum ChangelogStyle
{
    KeepAChangelog,
    ConventionalChangelog,
}

/// <summary>Release notes in Keep a Changelog form (keepachangelog.com 1.1.0), and their place in CHANGELOG.md.</summary>
public static partial class Changelog
{
    public const string Header = """
        # Changelog

        All notable changes to this project will be documented in this file.

        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
        and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

        """;

    /// <summary>
    /// One release's section, breaking changes first, then a section per group. Keep a Changelog form
    /// (<c>## [version] - date</c>, Added/Fixed/…), or — for a CHANGELOG.md that release-please or conventional-changelog
    /// writes — theirs (<c>## [version](compare) (date)</c>, Features/Bug Fixes/…), so one file never mixes both.
    /// </summary>
    /// <param name="tag">The release's tag, for the compare link of the conventional form.</param>
    public static string Section(string title, string? date, ReleaseHistory history, int headingLevel = 2,
        ChangelogStyle style = ChangelogStyle.KeepAChangelog, string? tag = null)
    {
        var h = new string('#', headingLevel);
        var conventional = style == ChangelogStyle.ConventionalChangelog;
        var bullet = conventional ? "* " : "- ";
        var text = new StringBuilder();
        if (!conventional) text.Append($"{h} [{title}]{(date is null ? "" : " - " + date)}\n");
        else
        {
            var compare = history.CompareUrl(history.LastTag, tag);
            text.Append(compare is null ? $"{h} {title}" : $"{h} [{title}]({compare})").Append(date is null ? "" : $" ({date})").Append('\n');
        }
        var breaking = history.Commits.Where(c => c.Breaking).ToList();
        if (breaking.Count > 0)
        {
            text.Append($"\n{h}# ⚠ BREAKING CHANGES\n\n");
            foreach (var c in breaking) text.Append(bullet).Append(Line(c, history, c.BreakingNote ?? c.Description)).Append('\n');
        }
        foreach (var group in ConventionalCommit.GroupsIn(style))
        {
            var commits = history.Commits.Where(c => c.GroupIn(style) == group).ToList();
            if (commits.Count == 0) continue;
            text.Append($"\n{h}# {group}\n\n");
            foreach (var c in commits) text.Append(bullet).Append(Line(c, history, c.Description)).Append('\n');
        }
        if (history.Commits.Count == 0) text.Append("\nNo changes.\n");
        return text.ToString();
    }

    [GeneratedRegex(@"^#{2,3} (Features|Bug Fixes|Performance Improvements)\s*$", RegexOptions.Multiline)]
    private static partial Regex ConventionalHeading();

    /// <summary>The form an existing CHANGELOG.md is written in (Keep a Changelog for a new one).</summary>
    public static ChangelogStyle StyleOf(string? existing) =>
        existing is not null && ConventionalHeading().IsMatch(existing) ? ChangelogStyle.ConventionalChangelog : ChangelogStyle.KeepAChangelog;

    private static string Line(ConventionalCommit c, ReleaseHistory history, string text)
    {
        var scope = c.Scope is null ? "" : $"**{c.Scope}:** ";
        var sha = c.Sha[..Math.Min(7, c.Sha.Length)];
        var link = history.CommitUrl(c.Sha) is { } url ? $"[{sha}]({url})" : sha;
        return $"{scope}{text} ({link})";
    }

    /// <summary>
    /// CHANGELOG.md with <paramref name="section"/> as the newest release: after the file's header (anything before
    /// its first <c>## </c> heading, an "Unreleased" section kept above it), everything else left as it was. A
    /// missing file starts in Keep a Changelog form.
    /// </summary>
    public static string Insert(string? existing, string section)
    {
        if (existing is null) return Header + "\n" + section;
        var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var body = section.Replace("\n", newline);
        var lines = existing.Split('\n');
        var offset = 0;
        var insertAt = existing.Length;
        var inUnreleased = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("## ", StringComparison.Ordinal))
            {
                if (trimmed.Contains("Unreleased", StringComparison.OrdinalIgnoreCase) && !inUnreleased) inUnreleased = true;
                else { insertAt = offset; break; }
            }
            offset += line.Length + 1;
        }
        if (insertAt >= existing.Length)
            return existing + (existing.EndsWith(newline, StringComparison.Ordinal) || existing.Length == 0 ? "" : newline) + newline + body;
        return existing[..insertAt] + body + newline + existing[insertAt..];
    }
}

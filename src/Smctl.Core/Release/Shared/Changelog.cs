using System.Text;

namespace Smctl.Core.Release.Shared;

/// <summary>Release notes in Keep a Changelog form (keepachangelog.com 1.1.0), and their place in CHANGELOG.md.</summary>
public static class Changelog
{
    public const string Header = """
        # Changelog

        All notable changes to this project will be documented in this file.

        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
        and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

        """;

    /// <summary>One release's section: <c>## [version] - date</c>, breaking changes first, then a section per group.</summary>
    public static string Section(string title, string? date, ReleaseHistory history, int headingLevel = 2)
    {
        var h = new string('#', headingLevel);
        var text = new StringBuilder();
        text.Append($"{h} [{title}]{(date is null ? "" : " - " + date)}\n");
        var breaking = history.Commits.Where(c => c.Breaking).ToList();
        if (breaking.Count > 0)
        {
            text.Append($"\n{h}# ⚠ BREAKING CHANGES\n\n");
            foreach (var c in breaking) text.Append("- ").Append(Line(c, history, c.BreakingNote ?? c.Description)).Append('\n');
        }
        foreach (var group in ConventionalCommit.Groups)
        {
            var commits = history.Commits.Where(c => c.Group == group).ToList();
            if (commits.Count == 0) continue;
            text.Append($"\n{h}# {group}\n\n");
            foreach (var c in commits) text.Append("- ").Append(Line(c, history, c.Description)).Append('\n');
        }
        if (history.Commits.Count == 0) text.Append("\nNo changes.\n");
        return text.ToString();
    }

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

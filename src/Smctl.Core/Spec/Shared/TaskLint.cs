using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A task file as validation reads it: its path relative to the change, and its text.</summary>
public sealed record TaskDocument(string Path, string Content);

/// <summary>A finding about a task file, at a line.</summary>
public sealed record TaskFinding(string Path, int Line, string Message);

/// <summary>
/// OpenSpec's task-file warnings: a tracked task list with no checkbox at all (it would count as no work), and
/// ambiguous numbering inside "## N." groups (a task numbered for another group, or an id used twice).
/// </summary>
public static partial class TaskLint
{
    [GeneratedRegex(@"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+\S")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})(.*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^-{3}\s*$")]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^ {0,3}##(?!#)(?:[ \t]+|[ \t]*\r?$)")]
    private static partial Regex LevelTwoHeading();

    [GeneratedRegex(@"^ {0,3}##[ \t]+([0-9]+)\.(?:[ \t]|\r?$)")]
    private static partial Regex NumberedGroup();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)+(?:[A-Za-z]+)?)(?=\s|$)")]
    private static partial Regex TaskId();

    [GeneratedRegex(@"^0+(?=[0-9])")]
    private static partial Regex LeadingZeros();

    public static IEnumerable<TaskFinding> MissingCheckboxes(IReadOnlyList<TaskDocument> documents)
    {
        if (documents.Count == 0 || documents.Any(d => TaskList.Parse(d.Content).Count > 0)) yield break;
        foreach (var d in documents)
            if (FirstListItemLine(d.Content) is { } line)
                yield return new TaskFinding(d.Path, line, "This change counts as 0 tasks: no line in its tracked task files is a checkbox, " +
                    "so \"openspec list\" and \"openspec status\" report no work and \"openspec archive\" has nothing to flag as incomplete. " +
                    "Write each task as \"- [ ] 1.1 Description\".");
    }

    /// <summary>The first list item of rendered content: fences, HTML comments, front matter and indented code are skipped.</summary>
    private static int? FirstListItemLine(string content)
    {
        var lines = content.Split('\n');
        (char Marker, int Length)? open = null;
        var inComment = false;
        for (var i = SkipFrontMatter(lines); i < lines.Length; i++)
        {
            var line = lines[i];
            if (inComment)
            {
                if (line.Contains("-->", StringComparison.Ordinal)) inComment = false;
                continue;
            }
            if (Fence().Match(line) is { Success: true } f)
            {
                var marker = f.Groups[1].Value[0];
                var length = f.Groups[1].Length;
                if (open is null) open = (marker, length);
                else if (marker == open.Value.Marker && length >= open.Value.Length && f.Groups[2].Value.Trim().Length == 0) open = null;
                continue;
            }
            if (open is not null) continue;
            if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            {
                var at = line.IndexOf("<!--", StringComparison.Ordinal) + 4;
                if (line.IndexOf("-->", at, StringComparison.Ordinal) < 0) inComment = true;
                continue;
            }
            if (ListItem().IsMatch(line) && IndentColumns(line) < 4) return i + 1;
        }
        return null;
    }

    private static int IndentColumns(string line)
    {
        var column = 0;
        foreach (var c in line)
        {
            if (c == ' ') column++;
            else if (c == '\t') column += 4 - column % 4;
            else break;
        }
        return column;
    }

    private static int SkipFrontMatter(string[] lines)
    {
        var first = lines.Length == 0 ? "" : lines[0].StartsWith('\uFEFF') ? lines[0][1..] : lines[0];
        if (lines.Length == 0 || !FrontMatter().IsMatch(first.TrimEnd())) return 0;
        for (var i = 1; i < lines.Length; i++) if (FrontMatter().IsMatch(lines[i].TrimEnd())) return i + 1;
        return 0;
    }

    public static IEnumerable<TaskFinding> Numbering(IReadOnlyList<TaskDocument> documents)
    {
        var first = new Dictionary<string, (string Path, int Line)>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var lines = d.Content.Split('\n');
            if (!lines.Any(l => NumberedGroup().IsMatch(l))) continue;
            string? group = null;
            for (var i = 0; i < lines.Length; i++)
            {
                if (LevelTwoHeading().IsMatch(lines[i])) group = NumberedGroup().Match(lines[i]) is { Success: true } g ? g.Groups[1].Value : null;
                if (group is null) continue;
                var task = TaskList.Parse(lines[i]).FirstOrDefault();
                if (task is null || TaskId().Match(task.Text) is not { Success: true } m) continue;
                var id = m.Groups[1].Value;
                var line = i + 1;
                var taskGroup = id.Split('.')[0];
                if (LeadingZeros().Replace(taskGroup, "") != LeadingZeros().Replace(group, ""))
                    yield return new TaskFinding(d.Path, line, $"Task \"{id}\" is under group {group}, but its leading number points to group {taskGroup}. Move it to group {taskGroup} or renumber it.");
                if (first.TryGetValue(id, out var at))
                    yield return new TaskFinding(d.Path, line, $"Task ID \"{id}\" is duplicated; it was first declared {(at.Path == d.Path ? $"on line {at.Line}" : $"in {at.Path} on line {at.Line}")}.");
                else first[id] = (d.Path, line);
            }
        }
    }
}

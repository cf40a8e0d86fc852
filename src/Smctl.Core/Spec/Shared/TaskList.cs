using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A checkbox line of tasks.md: its line index, whether it is done, and its text.</summary>
public sealed record TaskLine(int Line, bool Done, string Text);

/// <summary>
/// Task lines counted as OpenSpec counts them: any list marker (-, *, +, 1. or 1)), a box holding at most one
/// marker character, leading indentation allowed; only x/X is done, any other marker is open work; a one-character
/// box followed by ( or [ is a link, not a task.
/// </summary>
public static partial class TaskList
{
    [GeneratedRegex(@"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s*\[(?:\s*(?<mark>[^\]\s]?)\s*\](?![(\[])|\s+\])\s*(?<text>.*)")]
    private static partial Regex TaskLinePattern();

    public static IReadOnlyList<TaskLine> Parse(string content)
    {
        var tasks = new List<TaskLine>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = TaskLinePattern().Match(lines[i]);
            if (match.Success) tasks.Add(new TaskLine(i, match.Groups["mark"].Value is "x" or "X", match.Groups["text"].Value.Trim()));
        }
        return tasks;
    }
}

using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A structural problem of a main spec that would make the merge lose requirements.</summary>
public sealed record StructureIssue(int Line, string Message);

/// <summary>
/// OpenSpec's structural checks of a main spec: no delta headers, no requirement outside ## Requirements, no
/// requirement name twice (fenced lines ignored).
/// </summary>
public static partial class SpecStructure
{
    [GeneratedRegex(@"^##\s+Requirements\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementsHeader();

    [GeneratedRegex(@"^##\s+")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^##\s+(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DeltaHeader();

    [GeneratedRegex(@"^###\s+Requirement:\s*(.+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementHeader();

    public static IReadOnlyList<StructureIssue> Issues(string content)
    {
        var raw = LineEndings.ToLf(content).Split('\n');
        var mask = CodeFence.Mask(raw);
        var lines = raw.Select((l, i) => mask[i] ? "" : l).ToArray();
        var issues = new List<StructureIssue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = Array.FindIndex(lines, l => RequirementsHeader().IsMatch(l));
        var end = lines.Length;
        if (header >= 0)
            for (var i = header + 1; i < lines.Length; i++)
                if (TopLevel().IsMatch(lines[i])) { end = i; break; }
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0) continue;
            if (DeltaHeader().IsMatch(lines[i]))
            {
                issues.Add(new StructureIssue(i + 1, $"Main spec contains delta header \"{trimmed}\". " +
                    "Delta headers are only valid inside openspec/changes/<name>/specs/<capability-path>/spec.md and truncate the parsed ## Requirements section."));
                continue;
            }
            if (RequirementHeader().Match(lines[i]) is not { Success: true } m) continue;
            if (header < 0 || i <= header || i >= end)
            {
                issues.Add(new StructureIssue(i + 1, $"Requirement header \"{trimmed}\" appears outside the main ## Requirements section. " +
                    "Main specs only parse requirements inside that section, so this requirement is currently invisible to validate, list, and archive."));
                continue;
            }
            var name = RequirementBlocks.NormalizeName(m.Groups[1].Value);
            if (seen.TryGetValue(name, out var first))
                issues.Add(new StructureIssue(i + 1, $"Requirement header \"{trimmed}\" duplicates the requirement declared on line {first}. " +
                    "Requirement names must be unique so spec updates cannot discard one block while updating another."));
            else seen[name] = i + 1;
        }
        return issues;
    }
}

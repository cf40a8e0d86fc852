using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A "### Requirement:" block: its header line, its name, and its lines up to the next requirement or section (trailing blanks trimmed).</summary>
public sealed record RequirementBlock(string HeaderLine, string Name, string Raw);

/// <summary>A main spec cut around its "## Requirements" section, as OpenSpec's merge rebuilds it.</summary>
public sealed record RequirementsSection(string Before, string HeaderLine, string Preamble, IReadOnlyList<RequirementBlock> Blocks, string After);

/// <summary>Requirement names and blocks, read with OpenSpec's rules (closing #-runs dropped; fenced lines ignored).</summary>
public static partial class RequirementBlocks
{
    [GeneratedRegex(@"[ \t]+#+[ \t]*$")]
    private static partial Regex ClosingRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^###\s*Requirement:\s*(.+)\s*$", RegexOptions.IgnoreCase)]
    public static partial Regex RequirementHeader();

    [GeneratedRegex(@"^##\s+Requirements\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementsHeader();

    [GeneratedRegex(@"^##\s+")]
    public static partial Regex TopLevelHeader();

    [GeneratedRegex(@"^Scenario:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ScenarioPrefix();

    /// <summary>The name as it renders: an ATX closing run of #s (after a space or tab) is not part of it.</summary>
    public static string NormalizeName(string name) => ClosingRun().Replace(name, "", 1).Trim();

    /// <summary>Case- and whitespace-insensitive, for typo detection only.</summary>
    public static string FoldName(string name) => Whitespace().Replace(NormalizeName(name).ToLowerInvariant(), " ");

    public static RequirementsSection Section(string content)
    {
        var lines = CodeFence.Normalize(content).Split('\n');
        var mask = CodeFence.Mask(lines);
        var header = -1;
        for (var i = 0; i < lines.Length && header < 0; i++)
            if (!mask[i] && RequirementsHeader().IsMatch(lines[i])) header = i;
        if (header < 0)
        {
            var before = content.TrimEnd();
            return new RequirementsSection(before.Length > 0 ? before + "\n\n" : "", "## Requirements", "", [], "\n");
        }
        var end = lines.Length;
        for (var i = header + 1; i < lines.Length; i++)
            if (!mask[i] && TopLevelHeader().IsMatch(lines[i])) { end = i; break; }
        var body = lines[(header + 1)..end];
        var bodyMask = mask[(header + 1)..end];
        bool IsRequirement(int i) => !bodyMask[i] && RequirementHeader().IsMatch(body[i]);
        bool IsTopLevel(int i) => !bodyMask[i] && TopLevelHeader().IsMatch(body[i]);
        var cursor = 0;
        var preamble = new List<string>();
        while (cursor < body.Length && !IsRequirement(cursor)) preamble.Add(body[cursor++]);
        var blocks = new List<RequirementBlock>();
        while (cursor < body.Length)
        {
            if (!IsRequirement(cursor)) { cursor++; continue; }
            var headerLine = body[cursor];
            var name = NormalizeName(RequirementHeader().Match(headerLine).Groups[1].Value);
            cursor++;
            var buf = new List<string> { headerLine };
            while (cursor < body.Length && !IsRequirement(cursor) && !IsTopLevel(cursor)) buf.Add(body[cursor++]);
            blocks.Add(new RequirementBlock(headerLine, name, string.Join('\n', buf).TrimEnd()));
        }
        var beforeText = string.Join('\n', lines[..header]);
        var after = string.Join('\n', lines[end..]);
        return new RequirementsSection(beforeText.TrimEnd().Length > 0 ? beforeText + "\n" : beforeText, lines[header],
            string.Join('\n', preamble).TrimEnd(), blocks, after.StartsWith('\n') ? after : "\n" + after);
    }

    /// <summary>A scenario of a requirement block: its name as the reader sees it, and its lines.</summary>
    public sealed record Scenario(string Name, string Raw);

    public static IReadOnlyList<Scenario> Scenarios(string requirementRaw)
    {
        var lines = LineEndings.ToLf(requirementRaw).Split('\n');
        var mask = CodeFence.Mask(lines);
        bool IsHeader(int i) => !mask[i] && RequirementText.ScenarioHeader().IsMatch(lines[i]);
        var scenarios = new List<Scenario>();
        var index = 0;
        while (index < lines.Length)
        {
            if (!IsHeader(index)) { index++; continue; }
            var start = index;
            var name = ScenarioPrefix().Replace(ClosingRun().Replace(RequirementText.ScenarioHeader().Replace(lines[index], "", 1), "", 1), "", 1).Trim();
            index++;
            while (index < lines.Length && !IsHeader(index)) index++;
            scenarios.Add(new Scenario(name, string.Join('\n', lines[start..index]).TrimEnd()));
        }
        return scenarios;
    }

    /// <summary>How the scenarios of a current block and an incoming (MODIFIED) one differ, counting repeats.</summary>
    public sealed record ScenarioDiff(IReadOnlyList<string> Missing, IReadOnlyList<string> Added, int CurrentCount, int IncomingCount);

    public static ScenarioDiff DiffScenarios(RequirementBlock current, RequirementBlock incoming)
    {
        var currentNames = Scenarios(current.Raw).Select(s => s.Name).ToList();
        var incomingNames = Scenarios(incoming.Raw).Select(s => s.Name).ToList();
        static List<string> Unmatched(List<string> names, List<string> against)
        {
            var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var n in against) remaining[n] = remaining.GetValueOrDefault(n) + 1;
            var result = new List<string>();
            foreach (var n in names)
            {
                var left = remaining.GetValueOrDefault(n);
                if (left > 0) remaining[n] = left - 1;
                else result.Add(n);
            }
            return result;
        }
        return new ScenarioDiff(Unmatched(currentNames, incomingNames), Unmatched(incomingNames, currentNames), currentNames.Count, incomingNames.Count);
    }

    /// <summary>The sentence archive and validate both append when a MODIFIED block would drop scenarios.</summary>
    public static string DescribeBalance(ScenarioDiff diff)
    {
        static string Count(int n) => $"{n} {(n == 1 ? "scenario" : "scenarios")}";
        var scale = $"The modified block has {Count(diff.IncomingCount)}; the current spec has {Count(diff.CurrentCount)}.";
        if (diff.Added.Count == 0) return $"{scale} It adds none.";
        var listed = string.Join(", ", diff.Added.Take(3).Select(n => $"\"{n}\""));
        var rest = diff.Added.Count - 3;
        return $"{scale} It adds {Count(diff.Added.Count)} not in the current spec: {(rest > 0 ? $"{listed} and {rest} more" : listed)}.";
    }
}

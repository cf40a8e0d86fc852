using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// Reading a requirement as OpenSpec does: its body (up to the first header, fenced lines and blank lines skipped,
/// **metadata**: lines only when nothing else is there), its scenarios (level-4 headers with a body), and whether
/// it says SHALL or MUST.
/// </summary>
public static partial class RequirementText
{
    [GeneratedRegex(@"^\*\*[^*]+\*\*:")]
    private static partial Regex MetadataLine();

    [GeneratedRegex(@"^#{1,6}\s")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^####\s+")]
    public static partial Regex ScenarioHeader();

    [GeneratedRegex(@"^#{1,4}\s")]
    private static partial Regex ScenarioBodyEnd();

    // ECMAScript: \b is an ASCII word boundary, as in JavaScript.
    [GeneratedRegex(@"\b(SHALL|MUST)\b", RegexOptions.ECMAScript)]
    private static partial Regex ShallOrMust();

    public static bool ContainsShallOrMust(string text) => ShallOrMust().IsMatch(text);

    public static bool HasScenarioBody(string body) => body.Trim().Length > 0;

    public static string Body(IReadOnlyList<string> bodyLines)
    {
        var mask = CodeFence.Mask(bodyLines);
        var captured = new List<string>();
        var metadata = new List<string>();
        for (var i = 0; i < bodyLines.Count; i++)
        {
            if (mask[i]) continue;
            if (HeaderLine().IsMatch(bodyLines[i])) break;
            var trimmed = bodyLines[i].Trim();
            if (trimmed.Length == 0) continue;
            (MetadataLine().IsMatch(trimmed) ? metadata : captured).Add(trimmed);
        }
        return string.Join('\n', captured.Count > 0 ? captured : metadata);
    }

    /// <summary>The body, or the header's title when there is none (how a main spec's requirement reads).</summary>
    public static string TextOr(string headerTitle, IReadOnlyList<string> bodyLines) => Body(bodyLines) is { Length: > 0 } body ? body : headerTitle.Trim();

    public static int CountScenarios(IReadOnlyList<string> bodyLines) => ScenarioBodies(bodyLines).Count(HasScenarioBody);

    public static int CountEmptyScenarios(IReadOnlyList<string> bodyLines) => ScenarioBodies(bodyLines).Count(b => !HasScenarioBody(b));

    private static List<string> ScenarioBodies(IReadOnlyList<string> lines)
    {
        var mask = CodeFence.Mask(lines);
        var bodies = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (mask[i] || !ScenarioHeader().IsMatch(lines[i])) continue;
            var end = i + 1;
            while (end < lines.Count && (mask[end] || !ScenarioBodyEnd().IsMatch(lines[end]))) end++;
            bodies.Add(string.Join('\n', lines.Skip(i + 1).Take(end - i - 1)));
        }
        return bodies;
    }
}

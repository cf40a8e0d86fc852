using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A main spec as OpenSpec's spec parser reads it: the Purpose text and each requirement's text and scenarios.</summary>
public sealed record SpecDocument(string Name, string Overview, IReadOnlyList<SpecRequirement> Requirements)
{
    /// <summary>Parses a main spec; a missing Purpose or Requirements section is an error with OpenSpec's message.</summary>
    public static SpecDocument Parse(string content, string name) => SpecSections.ParseSpec(content, name);
}

/// <param name="Scenarios">The raw text of each scenario that has a body.</param>
public sealed record SpecRequirement(string Text, IReadOnlyList<string> Scenarios);

/// <summary>A spec that cannot be read as one (no Purpose or no Requirements section).</summary>
public sealed class SpecParseException(string message) : Exception(message);

/// <summary>OpenSpec's markdown section tree: every header outside a fence, nested by level, with its text up to the next header of its level or above.</summary>
internal static partial class SpecSections
{
    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(#{1,6})\s+")]
    private static partial Regex HeaderStart();

    private sealed class Section(int level, string title, string content)
    {
        public int Level { get; } = level;
        public string Title { get; } = title;
        public string Content { get; } = content;
        public List<Section> Children { get; } = [];
    }

    public static SpecDocument ParseSpec(string content, string name)
    {
        var lines = CodeFence.Normalize(content).Split('\n');
        var mask = CodeFence.Mask(lines);
        var sections = Parse(lines, mask);
        var purpose = Find(sections, "Purpose")?.Content ?? "";
        var requirements = Find(sections, "Requirements");
        if (purpose.Length == 0) throw new SpecParseException("Spec must have a Purpose section");
        if (requirements is null) throw new SpecParseException("Spec must have a Requirements section");
        var parsed = requirements.Children.Select(child => new SpecRequirement(
            RequirementText.TextOr(child.Title, child.Content.Split('\n')),
            [.. child.Children.Where(s => RequirementText.HasScenarioBody(s.Content)).Select(s => s.Content)])).ToList();
        return new SpecDocument(name, purpose.Trim(), parsed);
    }

    private static List<Section> Parse(string[] lines, bool[] mask)
    {
        var roots = new List<Section>();
        var stack = new Stack<Section>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (mask[i] || Header().Match(lines[i]) is not { Success: true } m) continue;
            var level = m.Groups[1].Length;
            var section = new Section(level, m.Groups[2].Value.Trim(), ContentUntilNextHeader(lines, mask, i + 1, level));
            while (stack.Count > 0 && stack.Peek().Level >= level) stack.Pop();
            (stack.Count == 0 ? roots : stack.Peek().Children).Add(section);
            stack.Push(section);
        }
        return roots;
    }

    private static string ContentUntilNextHeader(string[] lines, bool[] mask, int start, int level)
    {
        var end = start;
        while (end < lines.Length && !(!mask[end] && HeaderStart().Match(lines[end]) is { Success: true } h && h.Groups[1].Length <= level)) end++;
        return string.Join('\n', lines[start..end]).Trim();
    }

    private static Section? Find(List<Section> sections, string title)
    {
        foreach (var s in sections)
        {
            if (s.Title.ToLowerInvariant() == title.ToLowerInvariant()) return s;
            if (Find(s.Children, title) is { } child) return child;
        }
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// What a spec holds beyond what the merge can name (title, Purpose, requirement headers, statements and scenario
/// bullets): retiring a capability deletes the file, so anything else there must stop it. Also finds a note that
/// rides inside a requirement block under a heading the parser does not treat as a boundary.
/// </summary>
public static partial class MergeAudit
{
    [GeneratedRegex(@"^ {0,3}#{1,3}(?:[ \t]|$)")]
    private static partial Regex ForeignHeading();

    [GeneratedRegex(@"^ {0,3}(?:>|(?:[-*_][ \t]*){3,}$|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)|[<|])")]
    private static partial Regex InterruptsParagraph();

    [GeneratedRegex(@"^(\s*(?:[-*+]|[0-9]{1,9}[.)])\s+)")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:[ \t]|$)")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^\s*<h[1-6]\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlHeadingAnywhere();

    [GeneratedRegex(@"^ {0,3}<h[1-6]\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlHeading();

    [GeneratedRegex(@"^ {0,3}##\s+(.+?)\s*$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^ {0,3}(=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)\s*$")]
    private static partial Regex SetextUnderlineAny();

    [GeneratedRegex(@"^ {0,3}#\s+.+$")]
    private static partial Regex Title();

    [GeneratedRegex(@"^ {0,3}####\s+Scenario:", RegexOptions.IgnoreCase)]
    private static partial Regex ScenarioHeading();

    [GeneratedRegex(@"^[ \t]*")]
    private static partial Regex Indent();

    [GeneratedRegex(@"^\s*[|<]")]
    private static partial Regex TableOrHtml();

    [GeneratedRegex(@"^purpose$", RegexOptions.IgnoreCase)]
    private static partial Regex Purpose();

    /// <summary>The heading and the rest of a block from the first #, ## or ### line after its own header (fenced lines skipped).</summary>
    public static (string Heading, string Raw)? ForeignTail(string raw)
    {
        var lines = LineEndings.ToLf(raw).Split('\n');
        var mask = CodeFence.Mask(lines);
        for (var i = 1; i < lines.Length; i++)
            if (!mask[i] && ForeignHeading().IsMatch(lines[i])) return (lines[i].Trim(), string.Join('\n', lines[i..]).TrimEnd());
        return null;
    }

    private static int ContentColumn(string prefix)
    {
        var column = 0;
        foreach (var c in prefix) column += c == '\t' ? 4 - column % 4 : 1;
        return column;
    }

    private static string DropIndent(string line, int columns)
    {
        int column = 0, index = 0;
        while (index < line.Length && column < columns)
        {
            if (line[index] == ' ') column++;
            else if (line[index] == '\t') column += 4 - column % 4;
            else break;
            index++;
        }
        return line[index..];
    }

    private static bool IsHeading(string line) => AtxHeading().IsMatch(line) || HtmlHeadingAnywhere().IsMatch(line);

    public static IReadOnlyList<string> Unaccounted(RequirementsSection parts)
    {
        var leftovers = new List<string>();
        var before = LineEndings.ToLf(parts.Before.StartsWith('\uFEFF') ? parts.Before[1..] : parts.Before).Split('\n');
        var beforeMask = CodeFence.Mask(before);
        bool inPurpose = false, titleSeen = false;
        var previous = "";
        for (var i = 0; i < before.Length; i++)
        {
            var line = before[i];
            if (line.Trim().Length == 0) { previous = ""; continue; }
            if (!beforeMask[i])
            {
                if (Section().Match(line) is { Success: true } section)
                {
                    inPurpose = Purpose().IsMatch(section.Groups[1].Value.Trim());
                    if (!inPurpose) leftovers.Add(line.Trim());
                    previous = line;
                    continue;
                }
                var setext = inPurpose && previous.Trim().Length > 0 && SetextUnderline().IsMatch(line);
                if (setext || HtmlHeading().IsMatch(line))
                {
                    leftovers.Add((setext ? previous : line).Trim());
                    inPurpose = false;
                    previous = line;
                    continue;
                }
                if (Title().IsMatch(line))
                {
                    if (!titleSeen && !inPurpose) titleSeen = true;
                    else { leftovers.Add(line.Trim()); inPurpose = false; }
                    previous = line;
                    continue;
                }
            }
            previous = line;
            if (inPurpose) continue;
            leftovers.Add(line.Trim());
        }
        foreach (var slice in new[] { parts.Preamble, parts.After })
            foreach (var line in slice.Split('\n'))
                if (line.Trim().Length > 0) leftovers.Add(line.Trim());
        foreach (var block in parts.Blocks) leftovers.AddRange(UnaccountedInBlock(block));
        return [.. leftovers.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Inside a requirement block, everything but its statement and its scenarios' unbroken bullet runs.</summary>
    private static List<string> UnaccountedInBlock(RequirementBlock block)
    {
        var leftovers = new List<string>();
        if (ForeignTail(block.Raw) is { } tail) leftovers.Add(tail.Heading);
        var lines = LineEndings.ToLf(block.Raw).Split('\n');
        var mask = CodeFence.Mask(lines);
        bool seenScenario = false, inScenarioBullets = false, bulletsSeen = false, paragraphOpen = false;
        int? listIndent = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                if (bulletsSeen) inScenarioBullets = false;
                listIndent = null;
                paragraphOpen = false;
                continue;
            }
            if (i == 0) continue;
            var indent = ContentColumn(Indent().Match(line).Value);
            var insideItem = listIndent is { } li && indent >= li;
            var withinItem = insideItem ? DropIndent(line, listIndent!.Value) : line;
            var lazilyContinues = paragraphOpen && inScenarioBullets && !InterruptsParagraph().IsMatch(withinItem);
            var continuesItem = (insideItem || lazilyContinues) && !IsHeading(withinItem);
            if (mask[i])
            {
                if (!insideItem) listIndent = null;
                paragraphOpen = false;
                continue;
            }
            if (i > 1 && SetextUnderlineAny().IsMatch(withinItem) && lines[i - 1].Trim().Length > 0)
            {
                leftovers.Add(lines[i - 1].Trim());
                listIndent = null;
                paragraphOpen = false;
                continue;
            }
            if (continuesItem)
            {
                paragraphOpen = !InterruptsParagraph().IsMatch(withinItem);
                continue;
            }
            var bullet = ListItem().Match(line);
            listIndent = bullet.Success ? ContentColumn(bullet.Groups[1].Value) : null;
            paragraphOpen = bullet.Success;
            if (ScenarioHeading().IsMatch(line))
            {
                seenScenario = true;
                inScenarioBullets = true;
                bulletsSeen = false;
                continue;
            }
            if (bullet.Success)
            {
                if (inScenarioBullets) { bulletsSeen = true; continue; }
                if (!seenScenario) continue;
                leftovers.Add(line.Trim());
                continue;
            }
            if (!seenScenario && !TableOrHtml().IsMatch(line)) continue;
            leftovers.Add(line.Trim());
        }
        return leftovers;
    }
}

using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A "### Requirement:" header the reader saw but that is not one (a stray divider), with its line.</summary>
public sealed record SkippedHeader(string Header, string Section, int Line);

/// <summary>A FROM: or TO: line that never formed a rename pair.</summary>
public sealed record UnpairedRename(string Side, string Name, int Line);

/// <summary>A well-formed requirement outside every delta section (ignored by the merge).</summary>
public sealed record OrphanedRequirement(string Name, string? Section, int Line);

public sealed record RenamePair(string From, string To);

/// <summary>
/// A delta spec read as OpenSpec reads it: the requirements under ## ADDED/MODIFIED Requirements, the names under
/// REMOVED (headers or bullets), the FROM:/TO: pairs under RENAMED, and what the reader skipped, for diagnostics.
/// Repeated section headers (and case variants) all count.
/// </summary>
public sealed record DeltaSpec(
    IReadOnlyList<RequirementBlock> Added, IReadOnlyList<RequirementBlock> Modified, IReadOnlyList<string> Removed,
    IReadOnlyList<RenamePair> Renamed, IReadOnlyList<UnpairedRename> UnpairedRenames, IReadOnlyList<OrphanedRequirement> Orphans,
    IReadOnlyList<SkippedHeader> SkippedHeaders, bool HasAdded, bool HasModified, bool HasRemoved, bool HasRenamed)
{
    public bool HasAnySection => HasAdded || HasModified || HasRemoved || HasRenamed;
    public int EntryCount => Added.Count + Modified.Count + Removed.Count + Renamed.Count;

    public static DeltaSpec Parse(string content) => DeltaSpecReader.Parse(content);
}

internal static partial class DeltaSpecReader
{
    [GeneratedRegex(@"^(##)\s+(.+)$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^###\s+(.+?)\s*$")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^\s*[-*+]\s*`?###\s*Requirement:\s*(.+?)`?\s*$")]
    private static partial Regex RemovedBullet();

    [GeneratedRegex(@"^\s*[-*+]?\s*FROM:\s*`?###\s*Requirement:\s*(.+?)`?\s*$")]
    private static partial Regex RenameFrom();

    [GeneratedRegex(@"^\s*[-*+]?\s*TO:\s*`?###\s*Requirement:\s*(.+?)`?\s*$")]
    private static partial Regex RenameTo();

    private static readonly HashSet<string> DeltaTitles = ["added requirements", "modified requirements", "removed requirements", "renamed requirements"];

    private sealed record Body(string[] Lines, bool[] Mask, int StartLine);

    public static DeltaSpec Parse(string content)
    {
        var lines = CodeFence.Normalize(content).Split('\n');
        var mask = CodeFence.Mask(lines);
        var sections = Sections(lines, mask);
        (string Title, List<Body> Bodies, bool Found) Lookup(string desired)
        {
            var matches = sections.Where(s => s.Title.ToLowerInvariant() == desired.ToLowerInvariant()).ToList();
            return matches.Count == 0 ? (desired, [], false) : (matches[0].Title, matches.Select(m => m.Body).ToList(), true);
        }
        var added = Lookup("ADDED Requirements");
        var modified = Lookup("MODIFIED Requirements");
        var removed = Lookup("REMOVED Requirements");
        var renamed = Lookup("RENAMED Requirements");
        var skipped = new List<SkippedHeader>();
        var unpaired = new List<UnpairedRename>();
        return new DeltaSpec(
            [.. added.Bodies.SelectMany(b => Blocks(b, added.Title, skipped))],
            [.. modified.Bodies.SelectMany(b => Blocks(b, modified.Title, skipped))],
            [.. removed.Bodies.SelectMany(RemovedNames)],
            [.. renamed.Bodies.SelectMany(b => RenamePairs(b, unpaired))],
            [.. unpaired.OrderBy(u => u.Line)],
            Orphans(lines, mask),
            [.. skipped.OrderBy(s => s.Line)],
            added.Found, modified.Found, removed.Found, renamed.Found);
    }

    private static List<(string Title, Body Body)> Sections(string[] lines, bool[] mask)
    {
        var indices = new List<(string Title, int Index)>();
        for (var i = 0; i < lines.Length; i++)
            if (!mask[i] && SectionHeader().Match(lines[i]) is { Success: true } m) indices.Add((m.Groups[2].Value.Trim(), i));
        var sections = new List<(string, Body)>();
        for (var i = 0; i < indices.Count; i++)
        {
            var start = indices[i].Index + 1;
            var end = i + 1 < indices.Count ? indices[i + 1].Index : lines.Length;
            sections.Add((indices[i].Title, new Body(lines[start..end], mask[start..end], indices[i].Index + 2)));
        }
        return sections;
    }

    private static List<OrphanedRequirement> Orphans(string[] lines, bool[] mask)
    {
        var orphans = new List<OrphanedRequirement>();
        string? section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (mask[i]) continue;
            if (SectionHeader().Match(lines[i]) is { Success: true } s) { section = s.Groups[2].Value.Trim(); continue; }
            if (section is not null && DeltaTitles.Contains(section.ToLowerInvariant())) continue;
            if (RequirementBlocks.RequirementHeader().Match(lines[i]) is { Success: true } h)
                orphans.Add(new OrphanedRequirement(RequirementBlocks.NormalizeName(h.Groups[1].Value), section, i + 1));
        }
        return orphans;
    }

    private static List<RequirementBlock> Blocks(Body body, string? section, List<SkippedHeader>? skipped)
    {
        var (lines, mask, _) = body;
        var blocks = new List<RequirementBlock>();
        bool IsRequirement(int i) => !mask[i] && RequirementBlocks.RequirementHeader().IsMatch(lines[i]);
        bool IsTopLevel(int i) => !mask[i] && RequirementBlocks.TopLevelHeader().IsMatch(lines[i]);
        void RecordSkipped(int i)
        {
            if (skipped is null || mask[i]) return;
            if (Level3().Match(lines[i]) is { Success: true } h3 && !RequirementBlocks.RequirementHeader().IsMatch(lines[i]))
                skipped.Add(new SkippedHeader(h3.Groups[1].Value.Trim(), section!, body.StartLine + i));
        }
        var index = 0;
        while (index < lines.Length)
        {
            while (index < lines.Length && !IsRequirement(index)) RecordSkipped(index++);
            if (index >= lines.Length) break;
            var headerLine = lines[index];
            var name = RequirementBlocks.NormalizeName(RequirementBlocks.RequirementHeader().Match(headerLine).Groups[1].Value);
            var buf = new List<string> { headerLine };
            index++;
            while (index < lines.Length && !IsRequirement(index) && !IsTopLevel(index))
            {
                RecordSkipped(index);
                buf.Add(lines[index++]);
            }
            blocks.Add(new RequirementBlock(headerLine, name, string.Join('\n', buf).TrimEnd()));
        }
        return blocks;
    }

    /// <summary>REMOVED entries: "### Requirement:" headers, or bullets (-, * or +) carrying one.</summary>
    private static IEnumerable<string> RemovedNames(Body body)
    {
        for (var i = 0; i < body.Lines.Length; i++)
        {
            if (body.Mask[i]) continue;
            if (RequirementBlocks.RequirementHeader().Match(body.Lines[i]) is { Success: true } h) yield return RequirementBlocks.NormalizeName(h.Groups[1].Value);
            else if (RemovedBullet().Match(body.Lines[i]) is { Success: true } b) yield return RequirementBlocks.NormalizeName(b.Groups[1].Value);
        }
    }

    /// <summary>FROM:/TO: pairs; a FROM displaced by another FROM, a TO without a FROM, and a FROM left at the end are unpaired.</summary>
    private static List<RenamePair> RenamePairs(Body body, List<UnpairedRename> unpaired)
    {
        var pairs = new List<RenamePair>();
        (string Name, int Line)? pending = null;
        for (var i = 0; i < body.Lines.Length; i++)
        {
            if (body.Mask[i]) continue;
            if (RenameFrom().Match(body.Lines[i]) is { Success: true } from)
            {
                if (pending is { } p) unpaired.Add(new UnpairedRename("FROM", p.Name, p.Line));
                pending = (RequirementBlocks.NormalizeName(from.Groups[1].Value), body.StartLine + i);
            }
            else if (RenameTo().Match(body.Lines[i]) is { Success: true } to)
            {
                var name = RequirementBlocks.NormalizeName(to.Groups[1].Value);
                if (pending is not { } p) { unpaired.Add(new UnpairedRename("TO", name, body.StartLine + i)); continue; }
                pairs.Add(new RenamePair(p.Name, name));
                pending = null;
            }
        }
        if (pending is { } left) unpaired.Add(new UnpairedRename("FROM", left.Name, left.Line));
        return pairs;
    }
}

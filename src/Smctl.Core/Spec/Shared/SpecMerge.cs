using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>A change's delta spec and the main spec it merges into.</summary>
public sealed record SpecUpdate(string Id, string Source, string Target, bool Exists);

/// <summary>How many requirements each operation of a delta really changed.</summary>
public sealed record MergeCounts(int Added, int Modified, int Removed, int Renamed)
{
    public int Total => Added + Modified + Removed + Renamed;
    public static MergeCounts operator +(MergeCounts a, MergeCounts b) => new(a.Added + b.Added, a.Modified + b.Modified, a.Removed + b.Removed, a.Renamed + b.Renamed);
}

/// <summary>A rebuilt main spec (LF), what changed, the warnings, and what the retirement check needs.</summary>
public sealed record MergedSpec(string Rebuilt, MergeCounts Counts, IReadOnlyList<string> Warnings, bool NoRequirementBlocks, RequirementsSection Original)
{
    /// <summary>What the original spec holds that the merge cannot name (only a retirement asks, so it is read then).</summary>
    public IReadOnlyList<string> UnaccountedContent => field ??= MergeAudit.Unaccounted(Original);
}

/// <summary>A delta that cannot be applied, with OpenSpec's message; archive writes nothing when one is thrown.</summary>
public sealed class SpecMergeException(string message) : Exception(message);

/// <summary>
/// OpenSpec's merge of a delta spec into a main spec: RENAMED, then REMOVED, then MODIFIED, then ADDED, with its
/// refusals (duplicates, cross-section conflicts, missing targets, near-miss names, dropped scenarios), a skeleton for
/// a new capability, the original order of requirements kept, and blank-line runs collapsed outside fences.
/// </summary>
public static partial class SpecMerge
{
    [GeneratedRegex(@"^##\s+Purpose\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PurposeHeader();

    public static IReadOnlyList<SpecUpdate> FindUpdates(string changeDir, string mainSpecsDir) =>
        UpdatesFor(DeltaFiles.Discover(Path.Combine(changeDir, "specs")), mainSpecsDir);

    /// <summary>The main spec each discovered delta spec merges into.</summary>
    public static IReadOnlyList<SpecUpdate> UpdatesFor(IReadOnlyList<SpecFile> deltas, string mainSpecsDir) =>
        [.. deltas.Select(spec =>
        {
            var target = Path.Combine([mainSpecsDir, .. spec.Id.Split('/'), "spec.md"]);
            return new SpecUpdate(spec.Id, spec.Path, target, File.Exists(target));
        })];

    /// <param name="read">Reads a delta or main spec (a validator passes what it has read already); null when it does not exist.</param>
    public static MergedSpec Build(SpecUpdate update, string changeName, Func<string, string?>? read = null)
    {
        read ??= ReadIfExists;
        var warnings = new List<string>();
        var changeContent = read(update.Source) ?? throw new FileNotFoundException($"{update.Source} is gone", update.Source);
        var plan = DeltaSpec.Parse(changeContent);
        var spec = update.Id;

        if (plan.UnpairedRenames.Count > 0)
        {
            var first = plan.UnpairedRenames[0];
            throw Refused($"{spec} validation failed - RENAMED entry on line {first.Line} has no matching {(first.Side == "FROM" ? "TO" : "FROM")}: " +
                $"for header \"### Requirement: {first.Name}\". Write each rename as a FROM: line followed immediately by its TO: line.");
        }
        foreach (var orphan in plan.Orphans)
            warnings.Add($"{spec} - requirement \"{orphan.Name}\" (line {orphan.Line}) is {Where(orphan)}, which is not a delta section, so it was not applied. " +
                "Move it under ADDED/MODIFIED/REMOVED/RENAMED Requirements.");

        var added = Unique(plan.Added.Select(b => b.Name), name => throw Refused($"{spec} validation failed - duplicate requirement in ADDED for header \"### Requirement: {name}\""));
        var modified = Unique(plan.Modified.Select(b => b.Name), name => throw Refused($"{spec} validation failed - duplicate requirement in MODIFIED for header \"### Requirement: {name}\""));
        var removed = Unique(plan.Removed, name => throw Refused($"{spec} validation failed - duplicate requirement in REMOVED for header \"### Requirement: {name}\""));
        var renamedFrom = new HashSet<string>(StringComparer.Ordinal);
        var renamedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in plan.Renamed)
        {
            var f = RequirementBlocks.NormalizeName(from);
            var t = RequirementBlocks.NormalizeName(to);
            if (renamedFrom.Contains(f)) throw Refused($"{spec} validation failed - duplicate FROM in RENAMED for header \"### Requirement: {from}\"");
            if (renamedTo.Contains(t)) throw Refused($"{spec} validation failed - duplicate TO in RENAMED for header \"### Requirement: {to}\"");
            renamedFrom.Add(f);
            renamedTo.Add(t);
        }
        var conflicts = new List<(string Name, string A, string B)>();
        foreach (var n in modified)
        {
            if (removed.Contains(n)) conflicts.Add((n, "MODIFIED", "REMOVED"));
            if (added.Contains(n)) conflicts.Add((n, "MODIFIED", "ADDED"));
        }
        foreach (var n in added) if (removed.Contains(n)) conflicts.Add((n, "ADDED", "REMOVED"));
        foreach (var (from, to) in plan.Renamed)
        {
            var f = RequirementBlocks.NormalizeName(from);
            var fold = RequirementBlocks.FoldName(f);
            if (removed.FirstOrDefault(r => RequirementBlocks.FoldName(r) == fold) is { } spelt)
                throw Refused($"{spec} validation failed - requirement present in multiple sections (RENAMED and REMOVED) for header \"### Requirement: {from}\"" +
                    (spelt == f ? "" : $" (REMOVED spells it \"{spelt}\")"));
            if (modified.Contains(f)) throw Refused($"{spec} validation failed - when a rename exists, MODIFIED must reference the NEW header \"### Requirement: {to}\"");
            if (added.Contains(RequirementBlocks.NormalizeName(to))) throw Refused($"{spec} validation failed - RENAMED TO header collides with ADDED for \"### Requirement: {to}\"");
        }
        if (conflicts.Count > 0)
            throw Refused($"{spec} validation failed - requirement present in multiple sections ({conflicts[0].A} and {conflicts[0].B}) for header \"### Requirement: {conflicts[0].Name}\"");
        if (plan.EntryCount == 0)
            throw Refused($"Delta parsing found no operations for {update.Id}. Provide ADDED/MODIFIED/REMOVED/RENAMED sections in change spec.");

        var deltaPurpose = PurposeOf(changeContent);
        string target;
        var isNew = false;
        if (read(update.Target) is { } existingText)
        {
            target = existingText;
            if (deltaPurpose is not null && PurposeOf(target) is { } existing && existing != deltaPurpose)
                warnings.Add($"{spec} - delta Purpose ignored; {spec} already has one. Edit {update.Target} directly to change it.");
        }
        else
        {
            if (plan.Modified.Count > 0 || plan.Renamed.Count > 0)
                throw Refused($"{spec}: target spec does not exist; only ADDED requirements are allowed for new specs. MODIFIED and RENAMED operations require an existing spec.");
            if (plan.Removed.Count > 0) warnings.Add($"{spec} - {plan.Removed.Count} REMOVED requirement(s) ignored for new spec (nothing to remove).");
            isNew = true;
            target = Skeleton(spec, changeName, deltaPurpose);
            var overview = deltaPurpose is null ? null : ReadableOverview(target, spec);
            if (deltaPurpose is not null && overview is null)
            {
                target = Skeleton(spec, changeName, null);
                warnings.Add($"{spec} - delta Purpose ignored (it would leave the new spec unreadable); wrote the placeholder Purpose instead.");
            }
            else if (overview is not null && overview.Length < SpecMessages.MinPurposeLength)
                warnings.Add($"{spec} - carried Purpose is under {SpecMessages.MinPurposeLength} characters; openspec validate --strict reports it as too brief.");
        }

        var structure = SpecStructure.Issues(target);
        if (structure.Count > 0)
            throw Refused($"{spec}: target spec is structurally invalid and cannot be updated until fixed:\n{string.Join('\n', structure.Select(i => $"line {i.Line}: {i.Message}"))}");

        var parts = RequirementBlocks.Section(target);
        var byName = new OrderedDictionary<string, RequirementBlock>(StringComparer.Ordinal);
        foreach (var block in parts.Blocks) byName[RequirementBlocks.NormalizeName(block.Name)] = block;
        var order = parts.Blocks.Select(b => RequirementBlocks.NormalizeName(b.Name)).ToList();
        string? NearMiss(string name, string? except = null) =>
            byName.Keys.FirstOrDefault(k => k != except && RequirementBlocks.FoldName(k) == RequirementBlocks.FoldName(name));

        var renamedCount = 0;
        foreach (var (rawFrom, rawTo) in plan.Renamed)
        {
            var from = RequirementBlocks.NormalizeName(rawFrom);
            var to = RequirementBlocks.NormalizeName(rawTo);
            if (!byName.ContainsKey(from))
            {
                if (byName.ContainsKey(to))
                {
                    if (NearMiss(from, to) is { } near)
                        throw Refused($"{spec} RENAMED failed for header \"### Requirement: {rawFrom}\" - source not found, but \"### Requirement: {byName[near].Name}\" exists; fix the header to match it exactly");
                    continue;
                }
                throw Refused($"{spec} RENAMED failed for header \"### Requirement: {rawFrom}\" - source not found");
            }
            if (byName.ContainsKey(to)) throw Refused($"{spec} RENAMED failed for header \"### Requirement: {rawTo}\" - target already exists");
            if (NearMiss(to, from) is { } clash)
                throw Refused($"{spec} RENAMED failed for header \"### Requirement: {rawTo}\" - \"### Requirement: {byName[clash].Name}\" already exists and differs only in case or spacing; choose a distinct name");
            var lines = byName[from].Raw.Split('\n');
            lines[0] = $"### Requirement: {to}";
            byName.Remove(from);
            byName[to] = new RequirementBlock(lines[0], to, string.Join('\n', lines));
            var at = order.IndexOf(from);
            if (at >= 0) order[at] = to;
            renamedCount++;
        }

        var removedCount = 0;
        foreach (var name in plan.Removed)
        {
            var key = RequirementBlocks.NormalizeName(name);
            if (!byName.ContainsKey(key))
            {
                if (!isNew)
                {
                    if (NearMiss(key) is { } near)
                        throw Refused($"{spec} REMOVED failed for header \"### Requirement: {name}\" - not found, but \"### Requirement: {byName[near].Name}\" exists; fix the header to match it exactly");
                    warnings.Add($"{spec} - REMOVED requirement \"{name}\" is not in the current spec; treating it as already removed.");
                }
                continue;
            }
            byName.Remove(key);
            removedCount++;
        }

        var modifiedCount = 0;
        foreach (var mod in plan.Modified)
        {
            var key = RequirementBlocks.NormalizeName(mod.Name);
            if (!byName.TryGetValue(key, out var current)) throw Refused($"{spec} MODIFIED failed for header \"### Requirement: {mod.Name}\" - not found");
            var header = RequirementBlocks.RequirementHeader().Match(mod.Raw.Split('\n')[0]);
            if (!header.Success || RequirementBlocks.NormalizeName(header.Groups[1].Value) != key)
                throw Refused($"{spec} MODIFIED failed for header \"### Requirement: {mod.Name}\" - header mismatch in content");
            var diff = RequirementBlocks.DiffScenarios(current!, mod);
            if (diff.Missing.Count > 0)
                throw Refused($"{spec} MODIFIED failed for header \"### Requirement: {mod.Name}\" - current spec contains scenario(s) not present in the modified block: " +
                    $"{string.Join(", ", diff.Missing.Select(n => $"\"{n}\""))}. {RequirementBlocks.DescribeBalance(diff)} Refresh the change spec before archiving to avoid dropping scenarios.");
            if (NormalRaw(current!.Raw) != NormalRaw(mod.Raw)) modifiedCount++;
            byName[key] = mod;
        }

        var addedCount = 0;
        foreach (var add in plan.Added)
        {
            var key = RequirementBlocks.NormalizeName(add.Name);
            if (byName.TryGetValue(key, out var existing))
            {
                if (NormalRaw(existing.Raw) == NormalRaw(add.Raw)) continue;
                throw Refused($"{spec} ADDED failed for header \"### Requirement: {add.Name}\" - already exists");
            }
            if (NearMiss(key) is { } near)
                throw Refused($"{spec} ADDED failed for header \"### Requirement: {add.Name}\" - \"### Requirement: {byName[near].Name}\" already exists and differs only in case or spacing; " +
                    "use MODIFIED with that exact header to change it, or choose a distinct name");
            byName[key] = add;
            addedCount++;
        }

        var kept = new List<RequirementBlock>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Blocks.Count; i++)
        {
            var block = parts.Blocks[i];
            byName.TryGetValue(order[i], out var replacement);
            if (replacement is not null) { kept.Add(replacement); seen.Add(order[i]); }
            if (ReferenceEquals(replacement, block)) continue;
            if (MergeAudit.ForeignTail(block.Raw) is not { } foreign) continue;
            var keeps = replacement is not null && Occurrences(NormalRaw(replacement.Raw), NormalRaw(foreign.Raw)) >= Occurrences(NormalRaw(block.Raw), NormalRaw(foreign.Raw));
            if (!keeps)
                warnings.Add($"{spec} - \"{foreign.Heading}\" sits inside requirement \"{block.Name}\" and goes with it. Move it under its own requirement, or above `## Requirements`, to keep it.");
        }
        foreach (var (key, block) in byName) if (!seen.Contains(key)) kept.Add(block);

        var body = string.Join("\n\n", (parts.Preamble.Trim().Length > 0 ? new[] { parts.Preamble.TrimEnd() } : []).Concat(kept.Select(b => b.Raw))).TrimEnd();
        var rebuilt = CollapseBlankRuns(string.Join("\n\n", new[] { parts.Before.TrimEnd(), parts.HeaderLine, body, parts.After.Trim() }.Where(s => s.Length > 0))).TrimEnd() + "\n";
        return new MergedSpec(rebuilt, new MergeCounts(addedCount, modifiedCount, removedCount, renamedCount), warnings, kept.Count == 0, parts);
    }

    private static SpecMergeException Refused(string message) => new(message);

    private static string? ReadIfExists(string path) => File.Exists(path) ? SpecText.Read(path) : null;

    private static string Where(OrphanedRequirement o) => o.Section is null ? "above the first \"## \" section" : $"under \"## {o.Section}\"";

    private static List<string> Unique(IEnumerable<string> names, Action<string> duplicate)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var raw in names)
        {
            var name = RequirementBlocks.NormalizeName(raw);
            if (!set.Add(name)) duplicate(raw);
            list.Add(name);
        }
        return list;
    }

    private static string NormalRaw(string raw) => LineEndings.ToLf(raw).Trim();

    private static int Occurrences(string haystack, string needle)
    {
        if (needle.Length == 0) return 0;
        int count = 0, start = 0;
        while ((start = haystack.IndexOf(needle, start, StringComparison.Ordinal)) >= 0) { count++; start += needle.Length; }
        return count;
    }

    /// <summary>Blank-line runs become one blank line, except inside fenced blocks (a line of spaces is not blank).</summary>
    private static string CollapseBlankRuns(string content)
    {
        var lines = content.Split('\n');
        var mask = CodeFence.Mask(lines);
        var kept = new List<string>();
        var run = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (mask[i]) { run = 0; kept.Add(lines[i]); continue; }
            if (lines[i].Length == 0) { if (++run > 1) continue; }
            else run = 0;
            kept.Add(lines[i]);
        }
        return string.Join('\n', kept);
    }

    /// <summary>The skeleton of a new capability's main spec: the delta's Purpose, or the placeholder sentence.</summary>
    public static string Skeleton(string capability, string changeName, string? purpose)
    {
        var body = purpose?.Trim() is { Length: > 0 } p ? p : $"{PurposePlaceholder.Prefix}{changeName}{PurposePlaceholder.Suffix}";
        return $"# {capability} Specification\n\n## Purpose\n{body}\n\n## Requirements\n";
    }

    /// <summary>The Purpose a new spec would show, or null when carrying the delta's would leave it unreadable.</summary>
    private static string? ReadableOverview(string skeleton, string name)
    {
        if (skeleton.Contains("<!--", StringComparison.Ordinal) || SpecStructure.Issues(skeleton).Count > 0) return null;
        try { return SpecDocument.Parse(skeleton, name).Overview.Trim() is { Length: > 0 } o ? o : null; }
        catch (SpecParseException) { return null; }
    }

    /// <summary>The body of the ## Purpose section (a fenced or commented-out header does not count; nor a body of only comments and fences).</summary>
    public static string? PurposeOf(string content)
    {
        var normalized = LineEndings.ToLf(content);
        var lines = normalized.Split('\n');
        var masked = MaskHtmlComments(normalized).Split('\n');
        var fence = CodeFence.Mask(masked);
        var start = -1;
        for (var i = 0; i < masked.Length && start < 0; i++) if (!fence[i] && PurposeHeader().IsMatch(masked[i])) start = i;
        if (start < 0) return null;
        var end = masked.Length;
        for (var i = start + 1; i < masked.Length; i++) if (!fence[i] && RequirementBlocks.TopLevelHeader().IsMatch(masked[i])) { end = i; break; }
        var prose = string.Join('\n', Enumerable.Range(start + 1, end - start - 1).Where(i => !fence[i]).Select(i => masked[i])).Trim();
        if (prose.Length == 0) return null;
        var body = string.Join('\n', lines[(start + 1)..end]).Trim();
        return body.Length > 0 ? body : null;
    }

    /// <summary>HTML comments blanked out (line count kept); an unclosed one runs to the end.</summary>
    private static string MaskHtmlComments(string content)
    {
        static string Blank(string text) => new([.. text.Select(c => c == '\n' ? '\n' : ' ')]);
        var output = new System.Text.StringBuilder();
        var index = 0;
        while (true)
        {
            var open = content.IndexOf("<!--", index, StringComparison.Ordinal);
            if (open < 0) return output.Append(content, index, content.Length - index).ToString();
            output.Append(content, index, open - index);
            var close = -1;
            for (var i = open + 4; i < content.Length; i++)
            {
                if (string.CompareOrdinal(content, i, "-->", 0, 3) == 0) { close = i + 3; break; }
                if (string.CompareOrdinal(content, i, "--!>", 0, 4) == 0) { close = i + 4; break; }
            }
            if (close < 0) return output.Append(Blank(content[open..])).ToString();
            output.Append(Blank(content[open..close]));
            index = close;
        }
    }
}

using System.Collections.Concurrent;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// OpenSpec's validation of main specs and of a change's delta specs, with its levels, paths and messages (its
/// Validator). Main specs are read once per validator, so validating every change of a root stays cheap.
/// </summary>
public sealed class SpecValidator
{
    private readonly ConcurrentDictionary<string, string?> _mainSpecs = new(StringComparer.Ordinal);

    public static bool IsValid(IReadOnlyList<SpecIssue> issues, bool strict) =>
        !issues.Any(i => i.Level == SpecIssue.Error || (strict && i.Level == SpecIssue.Warning));

    public IReadOnlyList<SpecIssue> ValidateSpecFile(string file, string name)
    {
        try { return ValidateSpec(name, SpecText.Read(file)); }
        catch (IOException e) { return [SpecIssue.Err("file", e.Message)]; }
    }

    public static IReadOnlyList<SpecIssue> ValidateSpec(string name, string content)
    {
        var issues = new List<SpecIssue>();
        SpecDocument spec;
        try { spec = SpecDocument.Parse(content, name); }
        catch (SpecParseException e) { return [SpecIssue.Err("file", SpecMessages.Enrich(e.Message))]; }
        // The schema's checks, in its field order.
        if (spec.Name.Length == 0) issues.Add(SpecIssue.Err("name", SpecMessages.SpecNameEmpty));
        for (var i = 0; i < spec.Requirements.Count; i++)
        {
            if (spec.Requirements[i].Text.Length == 0) issues.Add(SpecIssue.Err($"requirements.{i}.text", SpecMessages.RequirementEmpty));
            if (spec.Requirements[i].Scenarios.Count == 0) issues.Add(SpecIssue.Err($"requirements.{i}.scenarios", SpecMessages.RequirementNoScenarios));
        }
        if (spec.Requirements.Count == 0) issues.Add(SpecIssue.Err("requirements", SpecMessages.SpecNoRequirements));
        // Its rules.
        foreach (var s in SpecStructure.Issues(content)) issues.Add(SpecIssue.Err("file", s.Message, s.Line));
        var placeholder = PurposePlaceholder.Find(spec.Overview, content);
        if (placeholder.Found) issues.Add(SpecIssue.Warn("overview", SpecMessages.PurposeIsPlaceholder, placeholder.Line));
        else if (spec.Overview.Length < SpecMessages.MinPurposeLength) issues.Add(SpecIssue.Warn("overview", SpecMessages.PurposeTooBrief));
        for (var i = 0; i < spec.Requirements.Count; i++)
        {
            if (spec.Requirements[i].Text.Length > SpecMessages.MaxRequirementTextLength) issues.Add(SpecIssue.Note($"requirements[{i}]", SpecMessages.RequirementTooLong));
            if (spec.Requirements[i].Scenarios.Count == 0)
                issues.Add(SpecIssue.Warn($"requirements[{i}].scenarios", $"{SpecMessages.RequirementNoScenarios}. {SpecMessages.GuideScenarioFormat}"));
        }
        var blocks = RequirementBlocks.Section(content).Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            var text = BodyOf(blocks[i].Raw);
            if (text.Length == 0) issues.Add(SpecIssue.Err($"requirements[{i}]", SpecMessages.MissingShallOrMust($"Requirement \"{blocks[i].Name}\"", blocks[i].Name)));
            else if (!RequirementText.ContainsShallOrMust(text))
                issues.Add(SpecIssue.Warn($"requirements[{i}]", SpecMessages.MissingShallOrMust($"Requirement \"{blocks[i].Name}\"", blocks[i].Name, guidanceOnly: true)));
        }
        return issues;
    }

    private static string BodyOf(string raw) => RequirementText.Body(raw.Split('\n')[1..]);

    private static string[] BodyLines(string raw) => raw.Split('\n')[1..];

    /// <summary>
    /// The delta specs of a change (validateChangeDeltaSpecs). With <paramref name="mainSpecsDir"/>, MODIFIED blocks are
    /// checked for scenario loss and the merge is dry-run for conflicts (INFO); with <paramref name="projectRoot"/>,
    /// the task files are linted.
    /// </summary>
    public IReadOnlyList<SpecIssue> ValidateChange(string changeDir, string? mainSpecsDir = null, string? projectRoot = null)
    {
        var issues = new List<SpecIssue>();
        var specsDir = Path.Combine(changeDir, "specs");
        var totalDeltas = 0;
        var missingHeader = new List<string>();
        var emptySections = new List<(string Path, List<string> Sections)>();
        var rootSpec = File.Exists(Path.Combine(specsDir, "spec.md"));
        if (rootSpec)
            issues.Add(SpecIssue.Err("spec.md", "Delta spec found at specs/spec.md. Delta specs must live under a capability path (e.g. specs/<capability-path>/spec.md) — a file at the specs/ root is ignored when the change is applied or archived."));
        var deltaFiles = DeltaFiles.Discover(specsDir);
        var deltaTexts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in deltaFiles)
        {
            string content;
            try { deltaTexts[file.Path] = content = SpecText.Read(file.Path); }
            catch (IOException) { continue; }
            var plan = DeltaSpec.Parse(content);
            var entry = $"{file.Id}/spec.md";
            foreach (var stray in plan.SkippedHeaders)
                issues.Add(SpecIssue.Note(entry, System.Text.RegularExpressions.Regex.IsMatch(stray.Header, "^requirement:?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                    ? $"Header \"### {stray.Header}\" in {stray.Section} is missing a requirement name and is ignored by validation. Add a name, e.g. \"### Requirement: <name>\"."
                    : $"Header \"### {stray.Header}\" in {stray.Section} is not a \"### Requirement:\" header and is ignored by validation. Use \"### Requirement: {stray.Header}\" if it should be validated as a requirement.", stray.Line));
            foreach (var u in plan.UnpairedRenames)
                issues.Add(SpecIssue.Err(entry, $"RENAMED {u.Side}: \"{u.Name}\" has no matching {(u.Side == "FROM" ? "TO" : "FROM")}: line. Write each rename as a FROM: line followed immediately by its TO: line.", u.Line));
            foreach (var o in plan.Orphans)
                issues.Add(SpecIssue.Warn(entry, $"Requirement \"{o.Name}\" is {(o.Section is null ? "above the first \"## \" section" : $"under \"## {o.Section}\"")}, which is not a delta section, so it is ignored. " +
                    "Move it under \"## ADDED Requirements\", \"## MODIFIED Requirements\", \"## REMOVED Requirements\", or \"## RENAMED Requirements\".", o.Line));
            var sectionNames = new List<string>();
            if (plan.HasAdded) sectionNames.Add("## ADDED Requirements");
            if (plan.HasModified) sectionNames.Add("## MODIFIED Requirements");
            if (plan.HasRemoved) sectionNames.Add("## REMOVED Requirements");
            if (plan.HasRenamed) sectionNames.Add("## RENAMED Requirements");
            if (plan.EntryCount == 0)
            {
                if (sectionNames.Count > 0) emptySections.Add((entry, sectionNames));
                else missingHeader.Add(entry);
            }
            var added = new HashSet<string>(StringComparer.Ordinal);
            CheckBlocks("ADDED", plan.Added, entry, issues, added, ref totalDeltas);
            var modifiedSet = new HashSet<string>(StringComparer.Ordinal);
            CheckBlocks("MODIFIED", plan.Modified, entry, issues, modifiedSet, ref totalDeltas);
            if (mainSpecsDir is not null && plan.Modified.Count > 0)
                issues.AddRange(ScenarioLoss(plan, Path.Combine([mainSpecsDir, .. file.Id.Split('/'), "spec.md"]), entry));
            var removedSet = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in plan.Removed)
            {
                totalDeltas++;
                if (!removedSet.Add(RequirementBlocks.NormalizeName(name))) issues.Add(SpecIssue.Err(entry, $"Duplicate requirement in REMOVED: \"{name}\""));
            }
            var fromSet = new HashSet<string>(StringComparer.Ordinal);
            var toSet = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (from, to) in plan.Renamed)
            {
                totalDeltas++;
                if (!fromSet.Add(RequirementBlocks.NormalizeName(from))) issues.Add(SpecIssue.Err(entry, $"Duplicate FROM in RENAMED: \"{from}\""));
                if (!toSet.Add(RequirementBlocks.NormalizeName(to))) issues.Add(SpecIssue.Err(entry, $"Duplicate TO in RENAMED: \"{to}\""));
            }
            foreach (var n in modifiedSet)
            {
                if (removedSet.Contains(n)) issues.Add(SpecIssue.Err(entry, $"Requirement present in both MODIFIED and REMOVED: \"{n}\""));
                if (added.Contains(n)) issues.Add(SpecIssue.Err(entry, $"Requirement present in both MODIFIED and ADDED: \"{n}\""));
            }
            foreach (var n in added) if (removedSet.Contains(n)) issues.Add(SpecIssue.Err(entry, $"Requirement present in both ADDED and REMOVED: \"{n}\""));
            foreach (var (from, to) in plan.Renamed)
            {
                var fromKey = RequirementBlocks.NormalizeName(from);
                if (modifiedSet.Contains(fromKey)) issues.Add(SpecIssue.Err(entry, $"MODIFIED references old name from RENAMED. Use new header for \"{to}\""));
                if (added.Contains(RequirementBlocks.NormalizeName(to))) issues.Add(SpecIssue.Err(entry, $"RENAMED TO collides with ADDED for \"{to}\""));
                var fold = RequirementBlocks.FoldName(fromKey);
                if (removedSet.FirstOrDefault(r => RequirementBlocks.FoldName(r) == fold) is { } spelt)
                    issues.Add(SpecIssue.Err(entry, $"Requirement present in both RENAMED and REMOVED: \"{from}\"" + (spelt == fromKey ? "" : $" (REMOVED spells it \"{spelt}\")")));
            }
        }
        if (mainSpecsDir is not null)
        {
            var reported = issues.Where(i => i.Level == SpecIssue.Error).Select(i => i.Path).Concat(missingHeader).Concat(emptySections.Select(e => e.Path)).ToHashSet(StringComparer.Ordinal);
            issues.AddRange(ArchiveBlockers(changeDir, SpecMerge.UpdatesFor(deltaFiles, mainSpecsDir), reported,
                path => deltaTexts.TryGetValue(path, out var text) ? text : MainSpec(path)));
        }
        var unread = DeltaFiles.Unread(specsDir);
        foreach (var file in unread)
            issues.Add(SpecIssue.Err(file.Path, $"Delta spec found at specs/{file.Path}. Delta specs must be a spec.md inside a capability folder — this file is ignored when the change is applied or archived. Move its requirements into specs/{file.Expected}."));
        foreach (var (path, sections) in emptySections)
            issues.Add(SpecIssue.Err(path, $"Delta sections {SectionList(sections)} were found, but no requirement entries parsed. Ensure each section includes at least one \"### Requirement:\" block (REMOVED may use bullet list syntax)."));
        foreach (var path in missingHeader)
            issues.Add(SpecIssue.Err(path, "No delta sections found. Add headers such as \"## ADDED Requirements\" or move non-delta notes outside specs/."));
        var root = projectRoot ?? Path.GetFullPath(Path.Combine(changeDir, "..", "..", ".."));
        var marker = ChangeMetadata.SkipSpecs(changeDir, root);
        if (marker.InvalidReason is { } reason) issues.Add(SpecIssue.Err(ChangeMetadata.FileName, $"{SpecMessages.SkipSpecsInvalidMetadata} ({reason})"));
        var specsHaveFiles = marker.Declared && DeltaFiles.AnyFileUnder(specsDir);
        if (specsHaveFiles) issues.Add(SpecIssue.Err("file", SpecMessages.SkipSpecsConflict));
        if (totalDeltas == 0 && !rootSpec && unread.Count == 0)
        {
            if (marker.Declared && !specsHaveFiles) issues.Add(SpecIssue.Note("file", SpecMessages.SkipSpecsAccepted));
            else if (!marker.Declared) issues.Add(SpecIssue.Err("file", SpecMessages.Enrich(SpecMessages.ChangeNoDeltas)));
        }
        if (projectRoot is not null) issues.AddRange(TaskFileIssues(changeDir, projectRoot));
        return issues;
    }

    private static void CheckBlocks(string op, IReadOnlyList<RequirementBlock> blocks, string entry, List<SpecIssue> issues, HashSet<string> names, ref int totalDeltas)
    {
        foreach (var block in blocks)
        {
            totalDeltas++;
            if (!names.Add(RequirementBlocks.NormalizeName(block.Name))) issues.Add(SpecIssue.Err(entry, $"Duplicate requirement in {op}: \"{block.Name}\""));
            var text = BodyOf(block.Raw);
            if (text.Length == 0)
                issues.Add(SpecIssue.Err(entry, RequirementText.ContainsShallOrMust(block.Name)
                    ? SpecMessages.MissingShallOrMust($"{op} \"{block.Name}\"", block.Name) : $"{op} \"{block.Name}\" is missing requirement text"));
            else if (!RequirementText.ContainsShallOrMust(text))
                issues.Add(SpecIssue.Warn(entry, SpecMessages.MissingShallOrMust($"{op} \"{block.Name}\"", block.Name, guidanceOnly: true)));
            if (RequirementText.CountScenarios(BodyLines(block.Raw)) < 1)
                issues.Add(SpecIssue.Err(entry, $"{op} \"{block.Name}\" must include at least one scenario" + (RequirementText.CountEmptyScenarios(BodyLines(block.Raw)) == 0 ? ""
                    : " (a scenario header with no body under it does not count; add its steps, e.g. \"- **WHEN** ...\" and \"- **THEN** ...\")")));
        }
    }

    private string? MainSpec(string path) => _mainSpecs.GetOrAdd(path, p => File.Exists(p) ? SpecText.Read(p) : null);

    /// <summary>MODIFIED blocks that omit a scenario the main spec still has (archive refuses them).</summary>
    private IEnumerable<SpecIssue> ScenarioLoss(DeltaSpec plan, string mainSpecFile, string entry)
    {
        if (MainSpec(mainSpecFile) is not { } main) yield break;
        var current = new Dictionary<string, RequirementBlock>(StringComparer.Ordinal);
        foreach (var block in RequirementBlocks.Section(main).Blocks) current[RequirementBlocks.NormalizeName(block.Name)] = block;
        var renamedFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in plan.Renamed) renamedFrom[RequirementBlocks.NormalizeName(to)] = RequirementBlocks.NormalizeName(from);
        var renamedAway = plan.Renamed.Select(r => RequirementBlocks.NormalizeName(r.From)).ToHashSet(StringComparer.Ordinal);
        RequirementBlock? CurrentFor(string name)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            for (string? key = name; key is not null && visited.Add(key); key = renamedFrom.GetValueOrDefault(key))
                if (current.TryGetValue(key, out var block)) return block;
            return null;
        }
        foreach (var block in plan.Modified)
        {
            var key = RequirementBlocks.NormalizeName(block.Name);
            if (renamedAway.Contains(key) || CurrentFor(key) is not { } before) continue;
            var diff = RequirementBlocks.DiffScenarios(before, block);
            if (diff.Missing.Count == 0) continue;
            yield return SpecIssue.Err(entry, $"MODIFIED \"{block.Name}\" omits scenario(s) the current spec still has: {string.Join(", ", diff.Missing.Select(n => $"\"{n}\""))}. " +
                $"{RequirementBlocks.DescribeBalance(diff)} Copy the omitted scenarios into the MODIFIED block (a MODIFIED requirement replaces the whole block, so archive refuses to drop them).");
        }
    }

    /// <summary>Archive's merge, dry-run: what it would refuse, as INFO (the verdict does not change).</summary>
    private static List<SpecIssue> ArchiveBlockers(string changeDir, IReadOnlyList<SpecUpdate> updates, HashSet<string> alreadyReported, Func<string, string?> read)
    {
        var issues = new List<SpecIssue>();
        foreach (var update in updates)
        {
            var entry = $"{update.Id}/spec.md";
            if (alreadyReported.Contains(entry)) continue;
            try { SpecMerge.Build(update, Path.GetFileName(changeDir), read); }
            catch (SpecMergeException e) { issues.Add(SpecIssue.Note(entry, $"Archive would refuse this delta: {e.Message}")); }
            catch (IOException) { }
        }
        return issues;
    }

    private static string SectionList(List<string> sections) =>
        sections.Count == 1 ? sections[0] : $"{string.Join(", ", sections[..^1])} and {sections[^1]}";

    /// <summary>Task-file warnings: checkboxes from the schema's tracked task file; numbering for the built-in spec-driven schema only.</summary>
    private static IEnumerable<SpecIssue> TaskFileIssues(string changeDir, string projectRoot)
    {
        var schema = ChangeMetadata.SchemaOf(changeDir, projectRoot);
        var builtIn = schema == ChangeMetadata.BuiltInSchema && Schemas.CustomDir(schema, projectRoot) is null;
        var tracked = builtIn ? Path.Combine(changeDir, "tasks.md") : null;
        var documents = new List<TaskDocument>();
        var file = tracked ?? Path.Combine(changeDir, "tasks.md");
        if (File.Exists(file)) documents.Add(new TaskDocument("tasks.md", SpecText.Read(file)));
        var findings = new List<TaskFinding>();
        if (tracked is not null && File.Exists(tracked)) findings.AddRange(TaskLint.MissingCheckboxes(documents));
        if (builtIn) findings.AddRange(TaskLint.Numbering(documents));
        return findings.Select(f => SpecIssue.Warn(f.Path, f.Message, f.Line));
    }
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Flow;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecArchiveInput
{
    [Description("Change id, or repo:id (default: the only active change)")]
    [Argument(0, Suggest = Suggestions.ChangeIds)]
    public string? Id { get; init; }
    [Description("Archive without merging the delta specs into the main specs")]
    public bool SkipSpecs { get; init; }
    [Description("Do not finish feature/<id> afterwards")]
    public bool NoFinish { get; init; }
    [Description("Skip validating the change and the rebuilt specs (not recommended)")]
    public bool NoValidate { get; init; }
    [Description("Finishing: do not fetch first")]
    public bool NoFetch { get; init; }
    [Description("Finishing: do not push what changed")]
    public bool NoPush { get; init; }
}

/// <summary>What archiving does to one main spec.</summary>
public enum SpecOutcome
{
    [JsonStringEnumMemberName("create")] Create,
    [JsonStringEnumMemberName("update")] Update,
    /// <summary>The capability's spec is deleted (the change declares retire_capabilities).</summary>
    [JsonStringEnumMemberName("retire")] Retire,
    /// <summary>Already in sync: nothing to write.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,
}

/// <param name="Outcome">create, update, retire (the capability's spec deleted), or unchanged (already in sync).</param>
/// <param name="Diff">The change to the main spec as a unified diff (dry runs).</param>
public sealed record ArchivedSpec(string Id, SpecOutcome Outcome, MergeCounts Counts, string Path, string? Diff);

/// <param name="ArchivedAs">The folder name under changes/archive/ (YYYY-MM-DD-id).</param>
/// <param name="Archived">False in a dry run: this is what archiving would do.</param>
/// <param name="Commit">The commit recording the archive in the repo holding the OpenSpec root.</param>
/// <param name="Run">
/// The run (its plan in a dry run): the archive committed in the repo holding the OpenSpec root, then feature/&lt;id&gt;
/// finished where it exists. Interrupted, it waits for continue, skip or abort as any run.
/// </param>
/// <param name="Warnings">openspec's own warnings, as openspec gives them.</param>
public sealed record SpecArchiveResult(string Change, string ArchivedAs, bool Archived, string Path, bool SpecsUpdated, MergeCounts? Totals, IReadOnlyList<string>? Warnings,
    IReadOnlyList<ArchivedSpec> Specs, string? Repo, string? Commit, RunResult? Run) : IOutcome
{
    /// <summary>Set when the archive commit is (or would be) left unpushed: no feature branch is left to finish and push it.</summary>
    public string? Unpushed { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Run?.FailureKind;
}

/// <summary>
/// Archives a change as 'openspec archive' does — the same refusals, the delta specs merged into the main specs
/// (RENAMED, REMOVED, MODIFIED, ADDED; a skeleton for a new capability; a retired one deleted when the change declares
/// retire_capabilities), the change moved to changes/archive/YYYY-MM-DD-id/ — and nothing written when any refusal
/// applies. Then, as one run of the run engine, commits that in the repo holding the OpenSpec root and finishes feature/&lt;id&gt;.
/// </summary>
public sealed partial class SpecArchive : IOperation<SpecArchiveInput, SpecArchiveResult>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}-")]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^##\s+(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex AnyDeltaHeader();

    public OperationInfo Info { get; } = new("spec.archive",
        "Archive a change as 'openspec archive' does (delta specs merged into the specs), commit it, and finish feature/<id>.",
        OperationEffect.Destructive, OpenWorld: true);
    public JsonTypeInfo<SpecArchiveInput> InputJson => SmctlJson.Default.SpecArchiveInput;
    public JsonTypeInfo<SpecArchiveResult> ResultJson => SmctlJson.Default.SpecArchiveResult;

    /// <param name="Rebuilt">The merge rebuilt the spec's text (not retired, not already retired): it is validated before anything is written.</param>
    private sealed record Prepared(SpecUpdate Update, MergedSpec Merged, SpecOutcome Outcome, bool Rebuilt);

    public async Task<SpecArchiveResult> RunAsync(SmctlContext context, SpecArchiveInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var store = new RunStore(ws.SmctlDir);
        store.EnsureNoInterruptedRun();
        var change = ChangeLocator.Find(SpecRoots.Require(context, ws), input.Id);
        var root = change.Root;
        var project = Path.GetDirectoryName(root.Path)!;
        var refuse = (string message, string? suggestion) => new SmctlException(ErrorKind.SpecValidation, message, suggestion, root.Repo);
        if (new DirectoryInfo(change.Dir).LinkTarget is not null)
            throw refuse($"Change '{change.Id}' is a symbolic link. Replace it with a real directory before archiving.", null);
        if (NestedChange.In(root.ChangesDir, change.Id) is { } nested)
            throw refuse($"Cannot archive '{change.Id}': {NestedChange.Describe(change.Id, nested)}", $"Rename openspec/changes/{nested[0]}/ to a flat change directory, then archive it.");
        if (!input.NoValidate) Validate(context, ws, change, project, refuse);

        var tasksFile = Path.Combine(change.Dir, "tasks.md");
        var tasks = File.Exists(tasksFile) ? TaskList.Parse(SpecText.Read(tasksFile)) : [];
        var incomplete = tasks.Count(t => !t.Done);
        var warnings = new List<string>();
        if (incomplete > 0)
        {
            if (context.DryRun) warnings.Add($"{incomplete} incomplete task(s) found for change '{change.Id}': archiving will ask to confirm ({context.ConfirmHint}).");
            else context.RequireConfirmation($"{incomplete} incomplete task(s) found for change '{change.Id}'. Archive it anyway?", root.Repo);
        }
        var archiveName = DatePrefix().IsMatch(change.Id) ? change.Id : $"{DateTime.Now:yyyy-MM-dd}-{change.Id}";
        var archivePath = Path.Combine(root.ChangesDir, "archive", archiveName);
        if (Path.Exists(archivePath)) throw refuse($"Archive '{archiveName}' already exists.", "rename the archived folder, or archive the change another day");

        var prepared = input.SkipSpecs ? [] : Prepare(change, root, project, input.NoValidate, refuse);
        foreach (var p in prepared) warnings.AddRange(p.Merged.Warnings);

        var meta = ChangeMeta.Read(change.Dir);
        var model = FlowModel.From(context.Settings);
        var branch = meta?.Branch ?? model.Branch(FlowKind.Feature, change.Id);
        // The repos holding the branch, read once: whether to finish, and which repos to plan that finish in.
        var holders = branch == model.Branch(FlowKind.Feature, change.Id)
            ? ws.Repos.Where(r => Git.RepoReader.Resolve(r.FullPath, GitRefs.Branch(branch)) is not null).Select(r => r.Name).ToList() : [];
        var finishing = !input.NoFinish && holders.Count > 0;
        var specRepo = root.Repo is { } name ? ws.Repo(name) : null;
        var touched = prepared.Where(p => p.Outcome != SpecOutcome.Unchanged).ToList();
        if (specRepo is not null) await CheckSpecRepoAsync(context, change, root, specRepo, finishing, branch, refuse, ct).ConfigureAwait(false);

        var specs = new List<ArchivedSpec>();
        var diffs = new List<string>();
        foreach (var p in prepared)
        {
            var outcome = p.Outcome;
            string? diff = null;
            if (outcome != SpecOutcome.Unchanged && (context.DryRun || specRepo is not null))
                diff = await IO.TextDiff.UnifiedAsync(context.Git, [(Path.GetRelativePath(project, p.Update.Target).Replace('\\', '/'),
                    p.Update.Exists ? SpecText.Read(p.Update.Target) : null, outcome == SpecOutcome.Retire ? null : NewText(p))], ct).ConfigureAwait(false);
            if (diff is not null) diffs.Add(diff);
            specs.Add(new ArchivedSpec(p.Update.Id, outcome, p.Merged.Counts, p.Update.Target, context.DryRun ? diff : null));
        }
        var totals = prepared.Count == 0 ? null : touched.Aggregate(new MergeCounts(0, 0, 0, 0), (sum, p) => sum + p.Merged.Counts);
        foreach (var p in touched.Where(p => p.Outcome == SpecOutcome.Retire)) warnings.Add(RetirementNote(p, project));

        // Archiving is a step of the run in the repo holding the specs, before the finish's steps, so continue, abort
        // and undo treat it as any step. An OpenSpec root in no repo has nothing to commit: its files are written first.
        var step = specRepo is null ? null : await PlanStepAsync(context, specRepo, change, archivePath, touched, string.Concat(diffs), ct).ConfigureAwait(false);
        if (specRepo is null && !context.DryRun)
        {
            using (store.Lock($"spec archive {change.Id}"))
                Apply(touched, change.Dir, archivePath, root);
        }
        RunResult? run = null;
        if (step is not null || finishing)
        {
            var finish = new FeatureFinishInput { Name = change.Id, Repos = holders, NoFetch = input.NoFetch, NoPush = input.NoPush };
            var label = $"spec archive {change.Id}";
            var links = finishing ? Flows.FeatureFinish.Proposing(context) : null;
            run = FlowFinish<FeatureFinishInput>.WithPullRequests(await RunCommand.PlanAndRunAsync(context, label, async (planWs, token) =>
            {
                var programs = finishing
                    ? (await Flows.FeatureFinish.PlanAsync(context, planWs, finish, change.Id, label, step is null ? [] : [specRepo!.Name], links, token).ConfigureAwait(false)).Repos.ToList()
                    : [];
                if (step is not null)
                {
                    var at = programs.FindIndex(p => p.Repo == specRepo!.Name);
                    if (at < 0) programs.Add(new RepoProgram(specRepo!.Name, [step]));
                    else programs[at] = programs[at] with { Steps = [step, .. programs[at].Steps] };
                }
                return new Plan(Plan.NewId(label), label, programs);
            }, ct).ConfigureAwait(false), links);
        }
        var commit = step is null || context.DryRun ? null : await ArchiveCommitAsync(context, specRepo!, step, ct).ConfigureAwait(false);
        var pushed = run?.Repos.FirstOrDefault(r => r.Repo == specRepo?.Name)?.Steps.Any(s => s.Op == "refs_push") == true;
        var unpushed = specRepo is null || pushed ? null
            : context.DryRun ? Unpushed(specRepo, branch, "would be committed")
            : commit is not null ? Unpushed(specRepo, branch, $"is committed ({commit[..12]})") : null;
        return new SpecArchiveResult(change.Id, archiveName, !context.DryRun && (specRepo is null || commit is not null), archivePath, touched.Count > 0, totals,
            warnings.Count > 0 ? warnings : null, specs, root.Repo, commit, run)
        { Unpushed = unpushed };
    }

    /// <summary>The archive as a step: every path relative to the repo, and what those paths held uncommitted, so abort can put it back.</summary>
    private static async Task<ChangeArchive> PlanStepAsync(SmctlContext context, Workspace.Shared.RepoEntry repo, ChangeRef change, string archivePath,
        IReadOnlyList<Prepared> touched, string diff, CancellationToken ct)
    {
        string Rel(string p) => Path.GetRelativePath(repo.FullPath, p).Replace('\\', '/');
        var head = (await context.Git.RunCheckedAsync(repo.FullPath, ["rev-parse", "HEAD"], repo.Name, ct).ConfigureAwait(false)).Trim();
        var onBranch = Git.RepoReader.CurrentBranch(repo.FullPath)!;
        var specs = touched.Select(p => new SpecWrite(Rel(p.Update.Target), p.Outcome == SpecOutcome.Retire ? null : NewText(p), ChangeArchive.Sha(p.Update.Target))).ToList();
        var owned = new[] { Rel(change.Dir), Rel(archivePath) }.Concat(specs.Select(s => s.Path)).ToList();
        var status = (await context.Git.RunCheckedAsync(repo.FullPath, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", .. owned], repo.Name, ct).ConfigureAwait(false))
            .TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(e => e.Length > 3).Select(e => e[3..]).Distinct(StringComparer.Ordinal);
        var uncommitted = status.Select(f => new UncommittedFile(f, File.Exists(Path.Combine(repo.FullPath, f)) ? File.ReadAllBytes(Path.Combine(repo.FullPath, f)) : null)).ToList();
        return new ChangeArchive(onBranch, head, Rel(change.Dir), Rel(archivePath), Rel(change.Root.SpecsDir), specs, uncommitted,
            $"chore(spec): archive change {change.Id}", diff.Length > 0 ? diff : null);
    }

    /// <summary>The commit the run's archive step made, found as a resumed run proves it (null while the run has not made it).</summary>
    private static async Task<string?> ArchiveCommitAsync(SmctlContext context, Workspace.Shared.RepoEntry repo, ChangeArchive step, CancellationToken ct)
    {
        using var git = RunExecutor.ContextFor(context, repo);
        return await git.ChildOfAsync(step.Parent, step.Message, ct).ConfigureAwait(false);
    }

    /// <summary>With no feature branch left to finish, nothing pushes the archive commit: said rather than left unseen.</summary>
    private static string Unpushed(Workspace.Shared.RepoEntry specRepo, string branch, string what) =>
        $"the archive {what} on {Git.RepoReader.CurrentBranch(specRepo.FullPath) ?? "a detached HEAD"} in {specRepo.Name} and not pushed: "
        + $"no {branch} is left to finish; push it when ready (git -C {specRepo.FullPath} push)";

    /// <summary>Archive's validation: the delta specs (when there are any to check) with OpenSpec's rules, and smctl's error-level rules.</summary>
    private static void Validate(SmctlContext context, Workspace.Shared.Workspace ws, ChangeRef change, string project, Func<string, string?, SmctlException> refuse)
    {
        var specsDir = Path.Combine(change.Dir, "specs");
        var hasDeltas = File.Exists(Path.Combine(specsDir, "spec.md")) || DeltaFiles.Unread(specsDir).Count > 0;
        if (!hasDeltas)
        {
            var marker = ChangeMetadata.SkipSpecs(change.Dir, project);
            if (marker.InvalidReason is not null) hasDeltas = true;
            else if (marker.Declared) hasDeltas = DeltaFiles.AnyFileUnder(specsDir);
        }
        hasDeltas = hasDeltas || DeltaFiles.Discover(specsDir).Any(f => AnyDeltaHeader().IsMatch(SpecText.Read(f.Path)));
        var issues = hasDeltas ? new SpecValidator().ValidateChange(change.Dir).Where(i => i.Level == SpecIssue.Error).ToList() : [];
        issues.AddRange(SmctlRules.Check(change.Dir, new RuleSettings(context, ws).For(change.Dir, project)).Where(i => i.Level == SpecIssue.Error));
        if (issues.Count > 0)
            throw refuse($"Validation failed for change '{change.Id}':\n{string.Join('\n', issues.Select(i => $"  ✗ {i.Path}: {i.Message}"))}",
                $"run 'smctl spec validate {change.Name}' for details, fix the errors, or pass {context.Flag("noValidate")}");
    }

    /// <summary>Every delta merged in memory, its outcome decided, and each spec to be written validated: nothing is written yet.</summary>
    private static List<Prepared> Prepare(ChangeRef change, SpecRoot root, string project, bool skipValidation, Func<string, string?, SmctlException> refuse)
    {
        var retirement = ChangeMetadata.RetireCapabilities(change.Dir, project);
        var prepared = new List<Prepared>();
        foreach (var update in SpecMerge.FindUpdates(change.Dir, root.SpecsDir))
        {
            MergedSpec merged;
            try { merged = SpecMerge.Build(update, change.Id); }
            catch (SpecMergeException e) { throw refuse(e.Message, "Fix the change delta specs and rerun. No files were changed."); }
            var outcome = Outcome(update, merged, skipValidation, retirement.Declared);
            prepared.Add(new Prepared(update, merged, outcome ?? (merged.Counts.Total == 0 ? SpecOutcome.Unchanged : update.Exists ? SpecOutcome.Update : SpecOutcome.Create), outcome is null));
        }
        if (skipValidation) return prepared;
        foreach (var p in prepared.Where(p => p.Rebuilt))
        {
            var report = SpecValidator.ValidateSpec(p.Update.Id, p.Merged.Rebuilt);
            if (SpecValidator.IsValid(report, strict: false)) continue;
            var id = p.Update.Id;
            var emptied = p.Update.Exists && p.Merged.Counts.Removed > 0 && p.Merged.NoRequirementBlocks && IsRetirable(id, p.Merged.Rebuilt);
            var hint = emptied && p.Merged.UnaccountedContent.Count == 0
                ? $"This change removes the last requirement '{id}' has. To retire the capability and delete its spec, add `retire_capabilities: true` to the change's .openspec.yaml (alongside its `schema:`, which that file requires), then rerun."
                : emptied ? $"This change removes the last requirement '{id}' has, so the rebuilt spec has none left and cannot be written. Retiring the capability is refused while the spec holds content the merge cannot account for: {Quote(p.Merged.UnaccountedContent)}. Move it into `## Purpose` or a canonical requirement, or delete the spec by hand, then rerun."
                : retirement.Declared && p.Merged.UnaccountedContent.Count > 0 && IsRetirable(id, p.Merged.Rebuilt)
                ? $"'{id}' declares retire_capabilities, but the spec holds content the merge cannot safely account for and deleting the file would take with it: {Quote(p.Merged.UnaccountedContent)}. Move it into `## Purpose` or a canonical requirement, or delete the spec by hand."
                : $"run 'smctl spec validate {id}' after fixing the change deltas";
            throw refuse($"Rebuilt spec for '{id}' failed validation. No files were changed.\n{string.Join('\n', report.Where(i => i.Level != SpecIssue.Info).Select(i => $"  {(i.Level == SpecIssue.Error ? "✗" : "⚠")} {i.Message}"))}", hint);
        }
        return prepared;
    }

    /// <summary>
    /// Retire (only when the change declares it and nothing but "no requirements" is wrong), unchanged (already retired),
    /// or null: the rebuilt text is written.
    /// </summary>
    private static SpecOutcome? Outcome(SpecUpdate update, MergedSpec merged, bool skipValidation, bool retirementDeclared)
    {
        if (!retirementDeclared || skipValidation || !merged.NoRequirementBlocks || merged.UnaccountedContent.Count > 0 || !IsRetirable(update.Id, merged.Rebuilt)) return null;
        if (!update.Exists) return SpecOutcome.Unchanged;
        return merged.Counts.Removed > 0 ? SpecOutcome.Retire : null;
    }

    private static bool IsRetirable(string id, string rebuilt)
    {
        var errors = SpecValidator.ValidateSpec(id, rebuilt).Where(i => i.Level == SpecIssue.Error).ToList();
        return errors.Count > 0 && errors.All(i => i.Message == SpecMessages.SpecNoRequirements);
    }

    private static string Quote(IReadOnlyList<string> lines)
    {
        static string Safe(string line) => Regex.Replace(line, @"[\u0000-\u001f\u007f]", "?") is var s && s.Length > 200 ? s[..200] + "…" : s;
        var shown = string.Join(", ", lines.Take(3).Select(l => $"\"{Safe(l)}\""));
        return lines.Count > 3 ? $"{shown}, and {lines.Count - 3} more line(s)" : shown;
    }

    private static string NewText(Prepared p) => p.Update.Exists ? LineEndings.Match(p.Merged.Rebuilt, SpecText.Read(p.Update.Target)) : p.Merged.Rebuilt;

    private static string RetirementNote(Prepared p, string project)
    {
        var deleted = Path.GetRelativePath(project, p.Update.Target).Replace('\\', '/');
        var spec = $":(top){deleted}";
        var pasteable = Regex.IsMatch(spec, @"^[A-Za-z0-9._/-]+$") ? spec : Regex.IsMatch(spec, "[\"\\\\$`\r\n%!]") ? null : $"\"{spec}\"";
        var recovery = pasteable is null ? $"It was deleted from {deleted}; if it was committed, restore it from that checkout's history."
            : $"If it was committed, restore it with: git checkout HEAD -- {pasteable}";
        return $"{p.Update.Id} - capability retired; deleted the main spec (all requirements removed, declared by retire_capabilities) at {deleted}. Its section(s) went with it: Purpose. {recovery}";
    }

    /// <summary>
    /// What the archive in the repo holding the specs would be refused for, checked before anything is written: a
    /// detached HEAD or a git operation in progress; when finishing, uncommitted changes outside the change and the
    /// specs (those are committed with the archive).
    /// </summary>
    private static async Task CheckSpecRepoAsync(SmctlContext context, ChangeRef change, SpecRoot root, Workspace.Shared.RepoEntry specRepo,
        bool finishing, string branch, Func<string, string?, SmctlException> refuse, CancellationToken ct)
    {
        var (detached, operation) = Git.RepoReader.HeadState(specRepo.FullPath);
        if (detached || operation is not null)
            throw refuse($"{specRepo.Name} is {(detached ? "on a detached HEAD" : $"in the middle of a {operation}")}: the archive is committed there",
                detached ? "check out a branch first" : $"finish or abort the {operation} first");
        var owned = new[] { change.Dir, root.SpecsDir, Path.Combine(root.ChangesDir, "archive") };
        // Every file, untracked folders listed file by file, so a change folder nobody committed yet is not "foreign".
        var changed = (await context.Git.RunCheckedAsync(specRepo.FullPath, ["status", "--porcelain=v1", "-z", "--untracked-files=all"], specRepo.Name, ct).ConfigureAwait(false))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(e => e.Length > 3 && e[2] == ' ').Select(e => e[3..]).ToList();
        var foreign = changed.Where(f => !owned.Any(o => IO.Paths.IsWithin(o, Path.Combine(specRepo.FullPath, f)))).ToList();
        if (finishing && foreign.Count > 0)
            throw refuse($"{specRepo.Name} has uncommitted changes outside the change: {string.Join(", ", foreign.Take(8))}; finishing {branch} needs a clean work tree",
                $"commit or stash them, or pass {context.Flag("noFinish")}");
    }

    /// <summary>Writes the specs and moves the change; on any failure every file is put back as it was.</summary>
    private static void Apply(IReadOnlyList<Prepared> touched, string changeDir, string archivePath, SpecRoot root)
    {
        var snapshots = touched.Select(p => (p.Update.Target, Before: File.Exists(p.Update.Target) ? File.ReadAllBytes(p.Update.Target) : null)).ToList();
        var moved = false;
        try
        {
            foreach (var p in touched.Where(p => p.Outcome is SpecOutcome.Create or SpecOutcome.Update))
            {
                IO.AtomicFile.WriteAllText(p.Update.Target, NewText(p), throughLinks: true);
            }
            foreach (var p in touched.Where(p => p.Outcome == SpecOutcome.Retire))
            {
                File.Delete(p.Update.Target);
                ChangeArchive.PruneEmptyFolders(Path.GetDirectoryName(p.Update.Target)!, root.SpecsDir);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
            Directory.Move(changeDir, archivePath);
            moved = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (moved) Directory.Move(archivePath, changeDir);
            foreach (var (target, before) in snapshots)
            {
                if (before is null) { if (File.Exists(target)) File.Delete(target); }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllBytes(IO.AtomicFile.ThroughLinks(target), before);
                }
            }
            throw new SmctlException(ErrorKind.General, $"archiving failed and every file was put back: {e.Message}");
        }
    }
}

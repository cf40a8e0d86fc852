using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecValidateInput
{
    [Description("A change or spec id, or repo:id (default: the only active change)")]
    [Argument(0, Suggest = Suggestions.ChangeIds)]
    public string? Id { get; init; }
    [Description("Every change and every spec of every OpenSpec root")]
    public bool All { get; init; }
    [Description("Every change of every root")]
    public bool Changes { get; init; }
    [Description("Every spec of every root")]
    public bool Specs { get; init; }
    [Description("Warnings fail validation too (as openspec validate --strict)")]
    public bool Strict { get; init; }
    [Description("What the id names when a change and a spec share it: change or spec")]
    public SpecItemType? Type { get; init; }
}

/// <summary>The two things OpenSpec validates.</summary>
public enum SpecItemType
{
    [JsonStringEnumMemberName("change")] Change,
    [JsonStringEnumMemberName("spec")] Spec,
}

/// <param name="Id">The change id, or the spec's capability path.</param>
/// <param name="Type">change or spec.</param>
/// <param name="Issues">OpenSpec's findings, then smctl's own (those carry a rule id).</param>
/// <param name="Name">repo:id, when the same id is in another root too.</param>
/// <param name="Root">The OpenSpec root (openspec/ folder) holding the item.</param>
public sealed record SpecValidationItem(string Id, string Type, bool Valid, IReadOnlyList<SpecIssue> Issues, long DurationMs, string? Name, string? Repo, string Root);

public sealed record SpecValidationCounts(int Items, int Passed, int Failed);

/// <summary>One change's validation in brief (spec status, spec ff): valid or not, and how many findings of each level.</summary>
public sealed record ValidationBrief(bool Valid, int Errors, int Warnings, int Info)
{
    public static ValidationBrief Of(SpecValidationItem item) => new(item.Valid, item.Issues.Count(i => i.Level == SpecIssue.Error),
        item.Issues.Count(i => i.Level == SpecIssue.Warning), item.Issues.Count(i => i.Level == SpecIssue.Info));
}

public sealed record SpecValidationSummary(SpecValidationCounts Totals, IReadOnlyDictionary<string, SpecValidationCounts> ByType);

/// <summary>The report of 'openspec validate --json' (items, summary, version), across every root.</summary>
public sealed record SpecValidateResult(IReadOnlyList<SpecValidationItem> Items, SpecValidationSummary Summary, string Version, IReadOnlyList<string> Roots) : IOutcome
{
    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Items.Any(i => !i.Valid) ? ErrorKind.SpecValidation : null;
}

/// <summary>
/// Validates changes and specs with OpenSpec's rules, levels and messages, plus smctl's own rules on changes (proposal,
/// design decision, task owners, formal artifacts for critical and high changes), in one report.
/// </summary>
public sealed class SpecValidate : IOperation<SpecValidateInput, SpecValidateResult>
{
    public OperationInfo Info { get; } = new("spec.validate",
        "Validate OpenSpec changes and specs with openspec's rules, plus smctl's (design decisions, task owners, formal artifacts).",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<SpecValidateInput> InputJson => SmctlJson.Default.SpecValidateInput;
    public JsonTypeInfo<SpecValidateResult> ResultJson => SmctlJson.Default.SpecValidateResult;

    private sealed record Target(string Type, string Id, SpecRoot Root, string Path, string? Name);

    public Task<SpecValidateResult> RunAsync(SmctlContext context, SpecValidateInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var roots = SpecRoots.Require(context, ws);
        var bulk = input.All || input.Changes || input.Specs;
        if (bulk && input.Id is not null) throw SmctlException.Usage($"name one item or use {context.Option("all")}, {context.Option("changes")} or {context.Option("specs")}, not both");
        var targets = bulk ? Everything(roots, input.All || input.Changes, input.All || input.Specs) : [One(context, roots, input.Id, input.Type?.ToString().ToLowerInvariant())];
        var validator = new SpecValidator();
        var rules = new RuleSettings(context, ws);
        var items = new SpecValidationItem[targets.Count];
        Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = context.Jobs, CancellationToken = ct }, i =>
            items[i] = Validate(targets[i], validator, rules, input.Strict));
        var ordered = items.OrderBy(i => i.Id, StringComparer.Ordinal).ThenBy(i => i.Type, StringComparer.Ordinal).ToList();
        var byType = new Dictionary<string, SpecValidationCounts>();
        foreach (var type in new[] { "change", "spec" })
            if (bulk ? type == "change" ? input.All || input.Changes : input.All || input.Specs : ordered.Any(i => i.Type == type))
                byType[type] = Count(ordered.Where(i => i.Type == type));
        return Task.FromResult(new SpecValidateResult(ordered, new SpecValidationSummary(Count(ordered), byType), "1.0", [.. roots.Select(r => r.Path)]));
    }

    private static SpecValidationCounts Count(IEnumerable<SpecValidationItem> items)
    {
        var list = items.ToList();
        var passed = list.Count(i => i.Valid);
        return new SpecValidationCounts(list.Count, passed, list.Count - passed);
    }

    private static List<Target> Everything(IReadOnlyList<SpecRoot> roots, bool changes, bool specs)
    {
        var targets = new List<Target>();
        if (changes) targets.AddRange(ChangeLocator.Active(roots).Select(c => new Target("change", c.Id, c.Root, c.Dir, c.Name == c.Id ? null : c.Name)));
        if (specs) targets.AddRange(SpecsOf(roots));
        return targets;
    }

    private static IEnumerable<Target> SpecsOf(IReadOnlyList<SpecRoot> roots)
    {
        var all = roots.SelectMany(r => DeltaFiles.Discover(r.SpecsDir).Select(s => (Root: r, Spec: s))).ToList();
        var ambiguous = all.GroupBy(s => s.Spec.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return all.Select(s => new Target("spec", s.Spec.Id, s.Root, s.Spec.Path,
            ambiguous.Contains(s.Spec.Id) && s.Root.Repo is not null ? $"{s.Root.Repo}:{s.Spec.Id}" : null));
    }

    /// <summary>The item an id names: a change, else a spec; both is ambiguous without --type.</summary>
    private static Target One(SmctlContext context, IReadOnlyList<SpecRoot> roots, string? name, string? type)
    {
        if (name is null || type == "change")
        {
            var c = ChangeLocator.Find(roots, name);
            return new Target("change", c.Id, c.Root, c.Dir, c.Name == c.Id ? null : c.Name);
        }
        var (repo, id) = name.Contains(':') ? (name[..name.IndexOf(':')], name[(name.IndexOf(':') + 1)..]) : ((string?)null, name);
        var changes = ChangeLocator.Active(roots).Where(c => c.Id == id && (repo is null || c.Root.Repo == repo)).ToList();
        var specs = SpecsOf(roots).Where(s => s.Id == id && (repo is null || s.Root.Repo == repo)).ToList();
        if (type == "spec") changes.Clear();
        if (changes.Count > 0 && specs.Count > 0)
            throw new SmctlException(ErrorKind.Usage, $"Ambiguous item '{name}' matches both a change and a spec.", $"Pass {context.Option("type")} change|spec.");
        if (changes.Count == 1) return new Target("change", id, changes[0].Root, changes[0].Dir, changes[0].Name == id ? null : changes[0].Name);
        if (specs.Count == 1) return specs[0];
        if (changes.Count + specs.Count > 1)
            throw SmctlException.Usage($"'{id}' is in {changes.Count + specs.Count} roots: name it repo:id");
        throw new SmctlException(ErrorKind.Usage, $"Unknown item '{name}'.", "see 'smctl spec list' for the changes, and the specs/ folder of each root for the specs");
    }

    /// <summary>One change validated as 'spec validate' would (OpenSpec's rules and smctl's).</summary>
    public static SpecValidationItem Change(SmctlContext context, Workspace.Shared.Workspace ws, ChangeRef change, bool strict = false) =>
        Validate(new Target("change", change.Id, change.Root, change.Dir, change.Name == change.Id ? null : change.Name), new SpecValidator(), new RuleSettings(context, ws), strict);

    private static SpecValidationItem Validate(Target target, SpecValidator validator, RuleSettings rules, bool strict)
    {
        var clock = Stopwatch.StartNew();
        List<SpecIssue> issues;
        if (target.Type == "spec") issues = [.. validator.ValidateSpecFile(target.Path, target.Id)];
        else if (NestedChange.In(target.Root.ChangesDir, target.Id) is { } nested) issues = [SpecIssue.Err("file", NestedChange.Describe(target.Id, nested))];
        else
        {
            var project = Path.GetDirectoryName(target.Root.Path)!;
            issues = [.. validator.ValidateChange(target.Path, target.Root.SpecsDir, project)];
            // A .smctl.toml that does not parse is this change's fault, not the run's: reported on it, the others still validated.
            try { issues.AddRange(SmctlRules.Check(target.Path, rules.For(target.Path, project))); }
            catch (SmctlException e) { issues.Add(SpecIssue.Err(ChangeMeta.FileName, e.Message)); }
        }
        return new SpecValidationItem(target.Id, target.Type, SpecValidator.IsValid(issues, strict), issues, clock.ElapsedMilliseconds, target.Name, target.Root.Repo, target.Root.Path);
    }
}

/// <summary>What smctl's rules read from the workspace and config, gathered once per run.</summary>
internal sealed class RuleSettings(SmctlContext context, Workspace.Shared.Workspace ws)
{
    private readonly string _defaultSafety = context.Settings.Text(Config.Shared.ConfigKeys.SpecSafety);
    private readonly string[] _kinds = [.. context.Settings.Text(Config.Shared.ConfigKeys.SpecFormalKinds)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.StartsWith('.') ? k : "." + k)];
    private readonly string[] _roots = [ws.RootDir, .. ws.Repos.Select(r => r.FullPath)];

    public SmctlRuleContext For(string changeDir, string project) =>
        new([project, .. _roots], ChangeMeta.Read(changeDir)?.Safety ?? _defaultSafety, _kinds);
}

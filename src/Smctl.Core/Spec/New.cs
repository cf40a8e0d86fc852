using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecNewInput
{
    [Description("Change id: kebab-case (lowercase letters, digits, single hyphens)")]
    [Argument(0)]
    public required string Id { get; init; }
    [Description("The repos the change concerns: feature/<id> starts there (default: all)")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Create the change only; start no branch")]
    public bool NoBranch { get; init; }
    [Description("Put the change in this repo's openspec/")]
    [Option(HelpName = "REPO", Suggest = Suggestions.RepoNames)]
    public string? In { get; init; }
    [Description("Safety class: critical and high changes need formal artifacts")]
    public SafetyClass? Safety { get; init; }
}

/// <param name="Change">The change's folder.</param>
/// <param name="Files">The files written, relative to the change's folder.</param>
/// <param name="Branch">The run that started feature/&lt;id&gt; (unless --no-branch) and wrote the change.</param>
public sealed record SpecNewResult(string Id, string Root, string Change, IReadOnlyList<string> Files, IReadOnlyList<string> Repos, RunResult? Branch)
{
    /// <summary>Set by a dry run that saved its plan: 'plan apply' then creates the branch and the change alike.</summary>
    public string? PlanId { get; init; }
}

/// <summary>
/// Creates an OpenSpec change as 'openspec new change' does (same id rules, .openspec.yaml), with proposal.md and
/// tasks.md to fill in and smctl's .smctl.toml, then starts feature/&lt;id&gt; in the repos it concerns through the flow engine.
/// </summary>
public sealed class SpecNew : IOperation<SpecNewInput, SpecNewResult>
{
    public OperationInfo Info { get; } = new("spec.new",
        "Create an OpenSpec change (as 'openspec new change') and start feature/<id> in the repos it concerns.",
        OperationEffect.Mutating, OpenWorld: true);
    public JsonTypeInfo<SpecNewInput> InputJson => SmctlJson.Default.SpecNewInput;
    public JsonTypeInfo<SpecNewResult> ResultJson => SmctlJson.Default.SpecNewResult;

    public async Task<SpecNewResult> RunAsync(SmctlContext context, SpecNewInput input, CancellationToken ct)
    {
        var id = ChangeId.Validate(input.Id);
        var safety = input.Safety?.ToString().ToLowerInvariant() ?? context.Settings.Text(Config.Shared.ConfigKeys.SpecSafety);
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos).Select(r => r.Name).ToList();
        var root = ChooseRoot(context, SpecRoots.Require(context, ws), input.In);
        var dir = Path.Combine(root.ChangesDir, id);
        if (Directory.Exists(dir)) throw new SmctlException(ErrorKind.Usage, $"Change '{id}' already exists at {dir}", "choose another id, or work on it with 'smctl spec status'");
        var branch = input.NoBranch ? null : $"{Branches.FlowModel.From(context.Settings).FeaturePrefix}{id}";
        var files = new (string Name, string Text)[]
        {
            (".openspec.yaml", $"schema: spec-driven\ncreated: {DateTime.Now:yyyy-MM-dd}\n"),
            ("proposal.md", Scaffold.Proposal),
            ("tasks.md", Scaffold.Tasks),
            (ChangeMeta.FileName, new ChangeMeta(repos, branch, safety).ToToml()),
        };
        // One program: feature/<id> in its repos, then the change folder in the repo that holds the root (after
        // its branch is in place), so a dry run's saved plan does all of it and continue finishes all of it.
        var write = new ChangeWrite(dir, [.. files.Select(f => new FileWrite(f.Name, f.Text))], [root.SpecsDir, Path.Combine(root.ChangesDir, "archive")]);
        var holder = root.Repo ?? repos.FirstOrDefault();
        if (holder is null)
        {
            if (!context.DryRun) write.Write();
            return new SpecNewResult(id, root.Path, dir, [.. files.Select(f => f.Name)], repos, null);
        }
        var label = $"spec new {id}";
        var run = await RunCommand.PlanAndRunAsync(context, label, async (current, token) =>
        {
            var start = input.NoBranch ? null
                : await Flows.FeatureStart.PlanAsync(context, current, new FeatureStartInput { Name = id, Repos = repos }, token).ConfigureAwait(false);
            var programs = start?.Repos.ToList() ?? [];
            var at = programs.FindIndex(p => p.Repo == holder);
            if (at >= 0) programs[at] = programs[at] with { Steps = [.. programs[at].Steps, write] };
            else programs.Add(new RepoProgram(holder, [write]));
            return new Plan(Plan.NewId(label), label, programs);
        }, ct).ConfigureAwait(false);
        return new SpecNewResult(id, root.Path, dir, [.. files.Select(f => f.Name)], repos, run) { PlanId = run.PlanId };
    }

    private static SpecRoot ChooseRoot(SmctlContext context, IReadOnlyList<SpecRoot> roots, string? repo)
    {
        if (repo is not null)
            return roots.FirstOrDefault(r => r.Repo == repo && !r.Primary) ?? roots.FirstOrDefault(r => r.Repo == repo)
                ?? throw new SmctlException(ErrorKind.SpecValidation, $"{repo} has no openspec/ folder", $"run 'openspec init' in {repo} first");
        return roots.FirstOrDefault(r => r.Primary) ?? (roots.Count == 1 ? roots[0]
            : throw SmctlException.Usage($"there are {roots.Count} OpenSpec roots ({string.Join(", ", roots.Select(r => r.Repo))}) and no workspace one",
                $"say which with {context.Option("in")}, or set spec.openspec_dir"));
    }
}

/// <summary>smctl's starting text for a change's proposal and tasks, with the sections OpenSpec's spec-driven schema expects.</summary>
internal static class Scaffold
{
    public const string Proposal = """
        # Proposal

        ## Why

        <!-- The problem this change solves, and why now. -->

        ## What Changes

        <!-- What will be different when this is done: new capabilities, changed behaviour, removals. -->

        ## Capabilities

        ### New Capabilities

        <!-- `capability-path`: what it covers. Each gets specs/<capability-path>/spec.md in this change. -->

        ### Modified Capabilities

        <!-- `existing-capability-path`: which requirement changes. Each needs a delta spec in this change. -->

        ## Impact

        <!-- Repos, code, APIs and dependencies this touches. -->

        """;

    public const string Design = """
        # Design

        ## Context

        <!-- What is there now, and the constraints. -->

        ## Decisions

        <!-- Each decision, the alternatives weighed, and why this one. -->

        ## Open Questions

        <!-- - A question still to settle (smctl spec status lists these). -->

        """;

    public const string Tasks = """
        # Tasks

        ## 1. Implementation

        - [ ] 1.1 <!-- A task small enough to review on its own; name its owner: @name -->

        """;
}

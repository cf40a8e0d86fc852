using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Worktree.Shared;

namespace Smctl.Core.Worktree;

public sealed record WorktreeAddInput
{
    [Description("Worktree set name (the flow branch name)")]
    [Argument(0)]
    public required string Name { get; init; }
    [Description("Flow branch kind")]
    public FlowKind Kind { get; init; }
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Where a missing branch starts (default: its flow base, develop or main)")]
    [Option(HelpName = "BRANCH")]
    public string? From { get; init; }
}

/// <summary>A linked worktree per selected repo under &lt;base_dir&gt;/&lt;kind&gt;-&lt;name&gt;/, on that flow branch (created from its base when missing).</summary>
public sealed class WorktreeAdd : IOperation<WorktreeAddInput, RunResult>
{
    public OperationInfo Info { get; } = new("worktree.add",
        "Add a worktree per selected repo under <base_dir>/<kind>-<name>/<repo>, on the flow branch (created when missing).",
        OperationEffect.Mutating, Idempotent: true);

    public JsonTypeInfo<WorktreeAddInput> InputJson => SmctlJson.Default.WorktreeAddInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public static string NameFor(FlowKind kind, string name) => kind == FlowKind.Feature ? FlowModel.ValidateName(name) : FlowModel.ValidateVersion(name);

    public Task<RunResult> RunAsync(SmctlContext context, WorktreeAddInput input, CancellationToken ct)
    {
        var kind = input.Kind;
        var name = NameFor(kind, input.Name);
        if (input.From is not null) BranchName.Validate(input.From, "--from branch");
        var label = $"worktree add {name}";
        return RunCommand.PlanAndRunAsync(context, label, async (ws, token) =>
        {
            var branch = FlowModel.From(context.Settings).Branch(kind, name);
            var layout = new WorktreeLayout(ws, context.Settings);
            var problems = new Problems();
            var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), fetch: false, problems, token).ConfigureAwait(false);
            var set = layout.SetDir(kind, name);
            var programs = new List<RepoProgram>();
            foreach (var f in facts)
            {
                if (f.Status.Missing || f.Status.Error is not null) continue;
                var steps = layout.StepsFor(f, f.Flow, set, kind, branch, input.From, problems);
                if (steps is not null) programs.Add(new RepoProgram(f.Repo.Name, steps));
            }
            problems.ThrowIfAny(label);
            return new Plans.Plan(Plans.Plan.NewId(label), label, programs);
        }, ct);
    }
}

using System.Text.Json.Nodes;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Plans;
using Smctl.Core.Worktree.Shared;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl feat NAME: flow feature start with its worktree set.</summary>
public static class FeatCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.FeatureStart, "feat", (r, ui, p) => Render(r, ui, CommandRuntime.ContextFor(p, host, ui), p.GetValue<string>("name")!), showProgress: true,
            description: "Start a feature in a worktree set: smctl flow feature start <name> --worktree (one validated plan).",
            presets: new Dictionary<string, JsonNode> { ["worktree"] = true });
        command.IsAlias = true;
        return command.WithExamples("smctl feat gpu-accel", "cd \"$(smctl worktree path gpu-accel kernel)\"");
    }

    /// <summary>The run, then where its worktrees are: the point of feat is to go and work there.</summary>
    private static void Render(RunResult r, Ui ui, Smctl.Core.SmctlContext context, string name)
    {
        RunView.Render(r, ui);
        if (r.Phase is not (RunPhase.Completed or RunPhase.Planned) || r.Repos.Count == 0) return;
        var ws = context.RequireWorkspace();
        var layout = new WorktreeLayout(ws, context.Settings);
        var set = layout.SetDir(FlowKind.Feature, name);
        ui.MarkupLine(r.Phase == RunPhase.Planned ? $"Its worktrees would be in {Spectre.Console.Markup.Escape(set)}:" : $"Worktrees in {Spectre.Console.Markup.Escape(set)}:");
        foreach (var repo in r.Repos)
            ui.MarkupLine($"  {Spectre.Console.Markup.Escape(repo.Repo)}: {Spectre.Console.Markup.Escape(layout.FolderFor(set, ws.Repo(repo.Repo)))}");
        if (r.Phase == RunPhase.Completed) ui.Info($"cd \"$(smctl worktree path {name} {r.Repos[0].Repo})\" to work in one; 'smctl workspace status' there shows the set");
    }
}

using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Worktree;
using Spectre.Console;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree list</summary>
public static class ListCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreeList, "list", Render).WithExamples("smctl worktree list", "smctl worktree list --json");

    private static void Render(WorktreeListResult result, Ui ui)
    {
        if (result.Sets.Count == 0)
        {
            ui.Info("no worktrees");
            return;
        }
        ui.Table(["set", "repo", "branch", "state", "path"], result.Sets.SelectMany(s => s.Worktrees.Select(w => (IReadOnlyList<string>)
        [
            Markup.Escape(s.Name),
            Markup.Escape(w.Repo),
            Markup.Escape(w.Branch ?? "(detached)"),
            w.Stale ? "[red]stale: folder deleted[/]" : (w.Dirty ? "[yellow]dirty[/]" : "[green]clean[/]") + (w.Ahead is > 0 ? $" ↑{w.Ahead}" : "") + (w.Behind is > 0 ? $" ↓{w.Behind}" : ""),
            Markup.Escape(w.Path),
        ])));
    }
}

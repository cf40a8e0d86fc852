using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Worktree;
using Spectre.Console;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree add | list | remove | path (cd) | prune</summary>
public static class WorktreeCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("worktree", "Linked worktrees across repos: one set per feature, release or hotfix under <base_dir>/<kind>-<name>/.");
        command.Aliases.Add("wt");
        command.Add(Add(host));
        command.Add(List(host));
        command.Add(Remove(host));
        command.Add(PathCommand(host));
        command.Add(Prune(host));
        return command.WithExamples("smctl worktree add gpu-accel --repos kernel,runtime", "cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree remove gpu-accel");
    }

    private static SmctlCommand Add(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreeAdd, "add", RunView.Render, showProgress: true)
            .WithExamples("smctl worktree add gpu-accel", "smctl worktree add 1.4.1 --kind hotfix --repos kernel", "smctl worktree add spike --from main");

    private static SmctlCommand List(CliHost host) =>
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

    private static SmctlCommand Remove(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreeRemove, "remove", RunView.Render)
            .WithExamples("smctl worktree remove gpu-accel", "smctl worktree remove gpu-accel --force --delete-branch --yes");

    private static SmctlCommand PathCommand(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.WorktreePath, "path", (r, ui) => ui.Line(r.Path));
        command.Aliases.Add("cd");
        return command.WithExamples("cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree cd gpu-accel");
    }

    private static SmctlCommand Prune(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreePrune, "prune", (r, ui) =>
            {
                foreach (var w in r.Pruned) ui.Line($"{w.Repo}: forgot {w.Path}");
                ui.Info($"{r.Pruned.Count} stale worktree(s) {(r.Pruned.Count == 0 ? "" : "pruned")}".Trim());
            }).WithExamples("smctl worktree prune");
}

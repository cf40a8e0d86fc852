using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree prune</summary>
public static class PruneCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreePrune, "prune", (r, ui) =>
            {
                foreach (var w in r.Pruned) ui.Line($"{w.Repo}: forgot {w.Path}");
                ui.Info($"{r.Pruned.Count} stale worktree(s) {(r.Pruned.Count == 0 ? "" : "pruned")}".Trim());
            }).WithExamples("smctl worktree prune");
}

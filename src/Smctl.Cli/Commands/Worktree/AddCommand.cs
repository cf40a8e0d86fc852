using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree add NAME</summary>
public static class AddCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreeAdd, "add", RunView.Render, showProgress: true)
            .WithExamples("smctl worktree add gpu-accel", "smctl worktree add 1.4.1 --kind hotfix --repos kernel", "smctl worktree add spike --from main");
}

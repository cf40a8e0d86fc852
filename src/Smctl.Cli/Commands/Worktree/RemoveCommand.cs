using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree remove NAME</summary>
public static class RemoveCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorktreeRemove, "remove", RunView.Render)
            .WithExamples("smctl worktree remove gpu-accel", "smctl worktree remove gpu-accel --force --delete-branch --yes");
}

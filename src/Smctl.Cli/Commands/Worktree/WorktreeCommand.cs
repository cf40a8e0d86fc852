using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree add | list | remove | path (cd) | prune</summary>
public static class WorktreeCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("worktree", "Linked worktrees across repos: one set per feature, release or hotfix under <base_dir>/<kind>-<name>/.");
        command.Aliases.Add("wt");
        command.Add(AddCommand.Create(host));
        command.Add(ListCommand.Create(host));
        command.Add(RemoveCommand.Create(host));
        command.Add(PathCommand.Create(host));
        command.Add(PruneCommand.Create(host));
        return command.WithExamples("smctl worktree add gpu-accel --repos kernel,runtime", "cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree remove gpu-accel");
    }
}

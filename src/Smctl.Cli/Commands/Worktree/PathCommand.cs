using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree path NAME [REPO] (cd)</summary>
public static class PathCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.WorktreePath, "path", (r, ui) => ui.Line(r.Path));
        command.Aliases.Add("cd");
        return command.WithExamples("cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree cd gpu-accel");
    }
}

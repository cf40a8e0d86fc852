using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class InitCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.WorkspaceInit, "init", Render, showProgress: true).WithExamples(
                "smctl workspace init --name platform",
                "smctl workspace init --scan",
                "smctl workspace init --from ../team/workspace.toml",
                "smctl workspace init        # in a folder whose manifest lists repos not yet cloned");
    }

    private static void Render(WorkspaceInitResult result, Ui ui)
    {
        ui.Info(result.Created ? $"Created {result.Manifest}" : $"Workspace {result.Workspace} ({result.Manifest})");
        RepoActions.Render(ui, result.Repos);
        if (result.Failed > 0) ui.Hint("run 'smctl workspace init' again to retry the repos that failed");
        else if (result.Created) ui.Info("Next: 'smctl workspace add <url>' to add repos, 'smctl workspace status' to see them.");
    }
}

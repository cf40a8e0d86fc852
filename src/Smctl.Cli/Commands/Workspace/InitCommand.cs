using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class InitCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var name = new Option<string?>("--name") { Description = "Workspace name (default: the folder's name)", HelpName = "NAME" };
        var from = new Option<string?>("--from") { Description = "Start from this manifest (a file, or an http(s)/file url)", HelpName = "FILE_OR_URL" };
        var scan = new Option<bool>("--scan") { Description = "Adopt the git clones already below this folder" };
        return OperationCommand.Create(host, OperationCatalog.WorkspaceInit, "init", [name, from, scan],
            p => new WorkspaceInitInput { Name = p.GetValue(name), From = p.GetValue(from), Scan = p.GetValue(scan) },
            Render, showProgress: true).WithExamples(
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

using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Workspace;

public static class WorkspaceCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("workspace", "Manage the workspace: its manifest, repos, status and sync.");
        command.Aliases.Add("ws");
        foreach (var sub in new[]
                 {
                     InitCommand.Create(host), AddCommand.Create(host), RemoveCommand.Create(host), StatusCommand.Create(host),
                     SyncCommand.Create(host), ListCommand.Create(host), CheckoutCommand.Create(host),
                 })
            command.Add(sub);
        return command.WithExamples("smctl workspace status", "smctl ws sync");
    }
}

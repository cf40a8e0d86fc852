using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Workspace;

public static class RemoveCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorkspaceRemove, "remove", (r, ui) => RepoActions.Render(ui, [r])).WithExamples(
            "smctl workspace remove old-api",
            "smctl workspace remove old-api --delete-files --yes",
            "smctl workspace remove old-api --delete-files --dry-run");
}

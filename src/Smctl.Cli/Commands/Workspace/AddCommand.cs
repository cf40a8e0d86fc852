using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Workspace;

public static class AddCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorkspaceAdd, "add", (r, ui) => RepoActions.Render(ui, [r]), showProgress: true).WithExamples(
            "smctl workspace add https://github.com/acme/api.git",
            "smctl workspace add git@github.com:acme/web.git --depends-on api --build-cmd 'npm run build'",
            "smctl workspace add ../libs/core.git --name core --path libs/core --branch develop");
}

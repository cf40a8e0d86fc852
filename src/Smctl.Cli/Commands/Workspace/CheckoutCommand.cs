using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Workspace;

public static class CheckoutCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorkspaceCheckout, "checkout", (r, ui) => RepoActions.Render(ui, r.Repos)).WithExamples(
            "smctl workspace checkout develop",
            "smctl workspace checkout feature/login --create --repos api,web");
}

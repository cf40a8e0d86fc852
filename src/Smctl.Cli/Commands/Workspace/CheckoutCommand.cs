using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class CheckoutCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var branch = new Argument<string>("branch") { Description = "The branch to check out in every selected repo" };
        var create = new Option<bool>("--create") { Description = "Create it from the current HEAD where it does not exist" };
        var repos = RepoOptions.Repos(host);
        return OperationCommand.Create(host, OperationCatalog.WorkspaceCheckout, "checkout", [branch, create, repos],
            p => new WorkspaceCheckoutInput { Branch = p.GetValue(branch)!, Create = p.GetValue(create), Repos = OperationCommand.List(p.GetValue(repos)) },
            (r, ui) => RepoActions.Render(ui, r.Repos)).WithExamples(
                "smctl workspace checkout develop",
                "smctl workspace checkout feature/login --create --repos api,web");
    }
}

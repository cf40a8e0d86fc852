using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class RemoveCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var repo = new Argument<string>("repo") { Description = "The repo to remove" };
        repo.CompletionSources.Add(ctx => RepoOptions.CompleteRepoList(host, ctx));
        var delete = new Option<bool>("--delete-files") { Description = "Also delete its folder (asks first; --yes when not at a terminal)" };
        var force = new Option<bool>("--force") { Description = "Delete even when the folder holds uncommitted or unpushed work" };
        return OperationCommand.Create(host, OperationCatalog.WorkspaceRemove, "remove", [repo, delete, force],
            p => new WorkspaceRemoveInput { Repo = p.GetValue(repo)!, DeleteFiles = p.GetValue(delete), Force = p.GetValue(force) },
            (r, ui) => RepoActions.Render(ui, [r])).WithExamples(
                "smctl workspace remove old-api",
                "smctl workspace remove old-api --delete-files --yes",
                "smctl workspace remove old-api --delete-files --dry-run");
    }
}

using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class AddCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var url = new Argument<string>("url") { Description = "Where to clone from (https://, ssh://, git@host:, file:// or a path)" };
        var name = new Option<string?>("--name") { Description = "Repo name (default: the url's last part without .git)", HelpName = "NAME" };
        var path = new Option<string?>("--path") { Description = "Folder below the workspace root (default: the name)", HelpName = "PATH" };
        var branch = new Option<string?>("--branch") { Description = "Branch to check out and record as default_branch", HelpName = "BRANCH" };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "Repos this one depends on (comma-separated)", HelpName = "a,b" };
        dependsOn.CompletionSources.Add(ctx => RepoOptions.CompleteRepoList(host, ctx));
        var build = new Option<string?>("--build-cmd") { Description = "Command that builds it", HelpName = "CMD" };
        var test = new Option<string?>("--test-cmd") { Description = "Command that tests it", HelpName = "CMD" };
        return OperationCommand.Create(host, OperationCatalog.WorkspaceAdd, "add", [url, name, path, branch, dependsOn, build, test],
            p => new WorkspaceAddInput
            {
                Url = p.GetValue(url)!,
                Name = p.GetValue(name),
                Path = p.GetValue(path),
                Branch = p.GetValue(branch),
                DependsOn = OperationCommand.List(p.GetValue(dependsOn)),
                BuildCmd = p.GetValue(build),
                TestCmd = p.GetValue(test),
            },
            (r, ui) => RepoActions.Render(ui, [r]), showProgress: true).WithExamples(
                "smctl workspace add https://github.com/acme/api.git",
                "smctl workspace add git@github.com:acme/web.git --depends-on api --build-cmd 'npm run build'",
                "smctl workspace add ../libs/core.git --name core --path libs/core --branch develop");
    }
}

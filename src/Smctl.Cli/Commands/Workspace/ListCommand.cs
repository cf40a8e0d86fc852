using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Workspace;
using Spectre.Console;

namespace Smctl.Cli.Commands.Workspace;

public static class ListCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.WorkspaceList, "list", Render)
            .WithExamples("smctl workspace list", "smctl workspace list --json");

    private static void Render(WorkspaceListResult result, Ui ui)
    {
        ui.Table(["repo", "path", "url", "depends on", "build"], result.Repos.Select(r => (IReadOnlyList<string>)
        [
            Markup.Escape(r.Name) + (r.SmctlHome ? " [grey](home)[/]" : ""),
            Markup.Escape(r.Path) + (r.OnDisk ? "" : " [red](missing)[/]"),
            Markup.Escape(r.Url ?? ""),
            Markup.Escape(string.Join(", ", r.DependsOn)),
            Markup.Escape(r.BuildCmd ?? ""),
        ]));
    }
}

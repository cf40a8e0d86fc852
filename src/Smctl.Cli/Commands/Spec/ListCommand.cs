using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec list</summary>
public static class ListCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecList, "list", RenderList).WithExamples("smctl spec list", "smctl spec list --json");

    private static void RenderList(SpecListResult result, Ui ui)
    {
        if (result.Changes.Count == 0)
        {
            ui.Info("no changes ('smctl spec new <id>' starts one)");
            return;
        }
        ui.Table(["change", "tasks", "status", "repo", "branch"], result.Changes.Select(c => (IReadOnlyList<string>)
        [
            Markup.Escape(c.Name), $"{c.CompletedTasks}/{c.TotalTasks}", c.Status, Markup.Escape(c.Repo ?? "-"),
            c.Branch is null ? "-" : Markup.Escape(c.Branch) + (c.Branches is { Count: > 0 } b ? $" ({b.Count(x => x.Value)}/{b.Count} repos)" : ""),
        ]));
    }
}

using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Spectre.Console;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow list and smctl flow feature|release|hotfix list</summary>
public static class ListCommand
{
    public static SmctlCommand Create(CliHost host, IOperation<FlowListInput, FlowListResult> op, string name) =>
        OperationCommand.Create(host, op, name, RenderList).WithExamples("smctl flow list", "smctl flow feature list --json");

    private static void RenderList(FlowListResult result, Ui ui)
    {
        if (result.Branches.Count == 0)
        {
            ui.Info("no flow branches");
            return;
        }
        ui.Table(["branch", "repos", "vs base"], result.Branches.Select(b => (IReadOnlyList<string>)
        [
            Markup.Escape(b.Branch),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Repo + (r.Local ? "" : " (remote only)")))),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Ahead is null ? $"{r.Repo}: no {b.Base}" : $"{r.Repo}: +{r.Ahead} -{r.Behind}"))),
        ]));
    }
}

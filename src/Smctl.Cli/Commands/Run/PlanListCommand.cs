using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;
using Spectre.Console;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl plan list</summary>
public static class PlanListCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.PlanList, "list",
            (r, ui) => ui.Table(["id", "command", "repos"], r.Plans.Select(p => (IReadOnlyList<string>)[Markup.Escape(p.Id), Markup.Escape(p.Command), Markup.Escape(string.Join(", ", p.Repos))])))
            .WithExamples("smctl plan list");
}

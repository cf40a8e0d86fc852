using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;
using Spectre.Console;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl plan list | show ID | apply ID</summary>
public static class PlanCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var plan = new SmctlCommand("plan", "Plans saved with --dry-run --save-plan: list, show, and apply exactly as planned.");
        plan.Add(OperationCommand.Create(host, OperationCatalog.PlanList, "list",
            (r, ui) => ui.Table(["id", "command", "repos"], r.Plans.Select(p => (IReadOnlyList<string>)[Markup.Escape(p.Id), Markup.Escape(p.Command), Markup.Escape(string.Join(", ", p.Repos))])))
            .WithExamples("smctl plan list"));
        plan.Add(OperationCommand.Create(host, OperationCatalog.PlanShow, "show", RunView.Render)
            .WithExamples("smctl plan show 20261125-101500-flow-feature-finish-login"));
        plan.Add(OperationCommand.Create(host, OperationCatalog.PlanApply, "apply", RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature finish login --dry-run --save-plan", "smctl plan apply 20261125-101500-flow-feature-finish-login"));
        return plan.WithExamples("smctl flow release finish 1.4.0 --dry-run --save-plan", "smctl plan apply <id>");
    }
}

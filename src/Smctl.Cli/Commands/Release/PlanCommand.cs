using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Release;
using Spectre.Console;

namespace Smctl.Cli.Commands.Release;

/// <summary>smctl release plan: the next versions the commits call for.</summary>
public static class PlanCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ReleasePlan, "plan", RenderPlan)
            .WithExamples("smctl release plan", "smctl release plan --repos kernel,runtime --json", "smctl release plan --changed-only --commits 5 --json");

    private static void RenderPlan(ReleasePlanResult plan, Ui ui)
    {
        ui.Table(["repo", "last release", "commits", "bump", "next"], plan.Repos.Select(r => (IReadOnlyList<string>)
        [
            Markup.Escape(r.Repo), Markup.Escape(r.LastTag ?? "(none)"), (r.Commits.Count + (r.OmittedCommits ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Bump.ToString().ToLowerInvariant(), r.HasChanges ? $"[bold]{Markup.Escape(r.NextTag)}[/]" : "[grey]nothing to release[/]",
        ]));
        foreach (var r in plan.Repos)
            foreach (var warning in r.Warnings ?? [])
                ui.Warning($"{r.Repo}: {warning}");
        if (plan.WorkspaceVersion is not null) ui.MarkupLine($"lockstep: every repo releases [bold]{Markup.Escape(plan.WorkspaceVersion)}[/]");
        ui.Info("rules: " + plan.Rules);
    }
}

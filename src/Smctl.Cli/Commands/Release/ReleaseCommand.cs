using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Release;
using Spectre.Console;

namespace Smctl.Cli.Commands.Release;

/// <summary>smctl release: versions from Conventional Commits, and release notes; releases themselves are 'flow release start|finish'.</summary>
public static class ReleaseCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var release = new SmctlCommand("release", "Plan versions from Conventional Commits and write release notes; cut the release with 'smctl flow release start|finish'.");
        release.Add(Plan(host));
        release.Add(Notes(host));
        return release.WithExamples("smctl release plan", "smctl release notes --repos kernel", "smctl flow release start --auto && smctl flow release finish 1.5.0");
    }

    private static SmctlCommand Plan(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ReleasePlan, "plan", RenderPlan)
            .WithExamples("smctl release plan", "smctl release plan --repos kernel,runtime --json");

    private static SmctlCommand Notes(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ReleaseNotes, "notes", RenderNotes)
            .WithExamples("smctl release notes", "smctl release notes --from v1.2.0 --to v1.3.0 --repos kernel");

    private static void RenderPlan(ReleasePlanResult plan, Ui ui)
    {
        ui.Table(["repo", "last release", "commits", "bump", "next"], plan.Repos.Select(r => (IReadOnlyList<string>)
        [
            Markup.Escape(r.Repo), Markup.Escape(r.LastTag ?? "(none)"), r.Commits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Bump.ToString().ToLowerInvariant(), r.HasChanges ? $"[bold]{Markup.Escape(r.NextVersion)}[/]" : "[grey]nothing to release[/]",
        ]));
        if (plan.WorkspaceVersion is not null) ui.MarkupLine($"lockstep: every repo releases [bold]{Markup.Escape(plan.WorkspaceVersion)}[/]");
        ui.Info("rules: " + plan.Rules);
    }

    private static void RenderNotes(ReleaseNotesResult notes, Ui ui)
    {
        foreach (var repo in notes.Repos)
        {
            ui.Line($"# {repo.Repo}");
            ui.Line();
            ui.Line(repo.Markdown);
        }
        if (notes.Repos.Count > 1)
        {
            ui.Line("# Workspace");
            ui.Line();
            ui.Line(notes.Combined);
        }
    }
}

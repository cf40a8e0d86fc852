using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Plans;
using Spectre.Console;

namespace Smctl.Cli.Commands.Shared;

/// <summary>Shows a plan (dry run) or a run: each repo's steps and how they stand.</summary>
public static class RunView
{
    public static void Render(RunResult r, Ui ui)
    {
        // A saved call made again: what it answered is that command's own result (no run to undo).
        if (r.Output is { } output)
        {
            ui.MarkupLine($"[bold]{Markup.Escape(r.Command)}[/] (plan {Markup.Escape(r.PlanId ?? r.Id)}): {Phase(r.Phase)}");
            ui.Line(Smctl.Core.Operations.OperationJson.Reindent(System.Text.Json.Nodes.JsonNode.Parse(output.GetRawText())!));
            return;
        }
        var planned = r.Phase == RunPhase.Planned;
        ui.MarkupLine(planned ? $"[bold]Plan[/] for {Markup.Escape(r.Command)} (nothing was changed):"
            : (r.Phase is RunPhase.Aborted or RunPhase.Undone || r.CallFailure is not null) && r.Problems is { Count: > 0 } ? $"[bold]{Markup.Escape(r.Command)}[/]: [red]not everything could be put back (below)[/]"
            : $"[bold]{Markup.Escape(r.Command)}[/]: {Phase(r.Phase)}");
        foreach (var repo in r.Repos)
        {
            var done = repo.Steps.Count(s => s.Status == StepStatus.Done);
            ui.MarkupLine(planned || repo.Error is not null || ui.Verbosity > 0 || r.Phase != RunPhase.Completed
                ? $"  [bold]{Markup.Escape(repo.Repo)}[/]"
                : $"  [green]✓[/] {Markup.Escape(repo.Repo)} ({done} step{(done == 1 ? "" : "s")})");
            if (!planned && repo.Error is null && ui.Verbosity == 0 && r.Phase == RunPhase.Completed) continue;
            foreach (var step in repo.Steps)
            {
                ui.MarkupLine($"    {Mark(step.Status)} {Markup.Escape(step.Command)}");
                if (planned && step.Detail is { Length: > 0 } diff)
                    foreach (var line in diff.TrimEnd('\n').Split('\n')) ui.MarkupLine("        " + DiffLine(line));
            }
            if (repo.Error is not null) ui.MarkupLine($"    [red]{Markup.Escape(repo.Error)}[/]");
            if (repo.Hint is not null) ui.Hint($"{repo.Repo}: {repo.Hint}");
        }
        foreach (var p in r.Problems ?? []) ui.Warning(p);
        if (r.PullRequests is { Count: > 0 } links)
        {
            ui.MarkupLine(planned ? "Then open these pull requests:" : "Open these pull requests (then 'smctl flow feature finish' cleans up once they are merged):");
            foreach (var link in links)
                ui.MarkupLine($"  [bold]{Markup.Escape(link.Repo)}[/] {Markup.Escape(link.Branch)} → {Markup.Escape(link.Target)}: "
                    + (link.Url is { } url ? Markup.Escape(url) : "[grey](the remote is on no known forge: open it there)[/]"));
        }
        if (planned && r.PlanId is not null) ui.Info($"Saved as plan {r.PlanId}: 'smctl plan apply {r.PlanId}' runs exactly this.");
        if (planned && r.Repos.Count == 0 && r.PlanId is not null) ui.Info($"It makes the call '{r.Command}' again, as it was given.");
        if (r.Phase == RunPhase.Aborting)
            ui.Hint("the abort stopped half-way: 'smctl abort' puts back the remaining repos");
        else if (r.Interrupted)
            ui.Hint("fix the problem above, then 'smctl continue'; or 'smctl skip' to give up those repos' remaining steps; or 'smctl abort' to put everything back");
        else if (r.Phase == RunPhase.Completed && !planned && r.CallFailure is not null && r.Problems is { Count: > 0 })
            ui.Hint("nothing else was changed where a problem is named; once it is resolved, 'smctl undo' tries again");
        else if (r.Phase == RunPhase.Completed && !planned)
            ui.Info("'smctl undo' reverses this run.");
    }

    private static string DiffLine(string line) => line switch
    {
        _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => $"[bold]{Markup.Escape(line)}[/]",
        _ when line.StartsWith('+') => $"[green]{Markup.Escape(line)}[/]",
        _ when line.StartsWith('-') => $"[red]{Markup.Escape(line)}[/]",
        _ when line.StartsWith("@@", StringComparison.Ordinal) => $"[cyan]{Markup.Escape(line)}[/]",
        _ => Markup.Escape(line),
    };

    private static string Phase(RunPhase phase) => phase switch
    {
        RunPhase.Completed => "[green]done[/]",
        RunPhase.Interrupted => "[red]interrupted[/]",
        RunPhase.Aborting => "[red]abort interrupted: some repos are put back, some not yet[/]",
        RunPhase.Aborted => "[yellow]aborted: every repo is back as it was[/]",
        RunPhase.Undone => "[yellow]undone: every repo is back as it was before it[/]",
        _ => JsonNames.Of(phase),
    };

    private static string Mark(StepStatus status) => status switch
    {
        StepStatus.Done => "[green]✓[/]",
        StepStatus.Failed => "[red]✗[/]",
        StepStatus.Skipped => "[grey]-[/]",
        StepStatus.Planned => "•",
        _ => "[grey]·[/]",
    };
}

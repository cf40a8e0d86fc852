using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec archive ID</summary>
public static class ArchiveCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecArchive, "archive", RenderArchive, showProgress: true)
            .WithExamples("smctl spec archive add-login --dry-run", "smctl spec archive add-login --yes", "smctl spec archive fix-typo --skip-specs --no-finish");

    private static void RenderArchive(SpecArchiveResult r, Ui ui)
    {
        foreach (var w in r.Warnings ?? []) ui.Warning(w);
        foreach (var s in r.Specs)
        {
            ui.Line($"{s.Id}: {JsonNames.Of(s.Outcome)}" + (s.Counts.Total == 0 ? "" : $" (+{s.Counts.Added} ~{s.Counts.Modified} -{s.Counts.Removed} →{s.Counts.Renamed})"));
            if (s.Diff is { Length: > 0 } diff) ui.Line(diff.TrimEnd());
        }
        if (r.Totals is { } t) ui.Line($"Totals: + {t.Added}, ~ {t.Modified}, - {t.Removed}, → {t.Renamed}");
        var planned = r.Run is null ? !r.Archived : r.Run.Phase == Core.Plans.RunPhase.Planned;
        ui.MarkupLine(planned ? $"would archive [bold]{Markup.Escape(r.Change)}[/] as {Markup.Escape(r.ArchivedAs)}"
            : r.Archived ? $"archived [bold]{Markup.Escape(r.Change)}[/] as {Markup.Escape(r.ArchivedAs)}" + (r.Commit is null ? "" : $" (commit {r.Commit[..12]} in {Markup.Escape(r.Repo ?? "")})")
            : $"[bold]{Markup.Escape(r.Change)}[/] is not archived yet: the run stopped before its commit");
        if (r.Run is { } run) RunView.Render(run, ui);
        if (r.Unpushed is { } unpushed) ui.Warning(unpushed);
    }
}

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
        ui.MarkupLine(!r.Archived
            ? $"would archive [bold]{Markup.Escape(r.Change)}[/] as {Markup.Escape(r.ArchivedAs)}"
            : $"archived [bold]{Markup.Escape(r.Change)}[/] as {Markup.Escape(r.ArchivedAs)}" + (r.Commit is null ? "" : $" (commit {r.Commit[..12]} in {Markup.Escape(r.Repo ?? "")})"));
        if (r.Finish is { } run) RunView.Render(run, ui);
        if (r.FinishError is { } error) ui.Warning(error);
        if (r.Unpushed is { } unpushed) ui.Warning(unpushed);
    }
}

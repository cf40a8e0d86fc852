using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec: OpenSpec changes across the workspace, in OpenSpec's own format.</summary>
public static class SpecCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var spec = new SmctlCommand("spec", "OpenSpec spec-driven development across repos: changes in OpenSpec's own format, linked to feature branches.");
        spec.Add(New(host, "new"));
        spec.Add(List(host));
        spec.Add(Status(host));
        spec.Add(FastForward(host));
        spec.Add(Apply(host));
        spec.Add(Validate(host));
        spec.Add(Archive(host));
        return spec.WithExamples("smctl spec new add-login --repos gateway,runtime", "smctl spec list", "smctl spec apply add-login --done 1.1",
            "smctl spec validate --all --strict", "smctl spec archive add-login --dry-run");
    }

    /// <summary>spec new, also reachable as the ss alias.</summary>
    public static SmctlCommand New(CliHost host, string name, bool alias = false)
    {
        var command = OperationCommand.Create(host, OperationCatalog.SpecNew, name, (r, ui, _) => RenderNew(r, ui), showProgress: true,
            description: alias ? "Short for 'smctl spec new': create an OpenSpec change and start its feature branch." : null);
        command.IsAlias = alias;
        return command.WithExamples($"smctl {name} add-login", $"smctl {name} add-login --repos gateway --safety high", $"smctl {name} fix-typo --no-branch --dry-run");
    }

    private static SmctlCommand List(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecList, "list", RenderList).WithExamples("smctl spec list", "smctl spec list --json");

    private static SmctlCommand Status(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecStatus, "status", RenderStatus).WithExamples("smctl spec status add-login", "smctl spec status docs:add-login --json");

    private static SmctlCommand FastForward(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecFastForward, "ff", RenderFastForward).WithExamples("smctl spec ff add-login", "smctl spec ff --dry-run");

    private static void RenderFastForward(SpecFastForwardResult r, Ui ui)
    {
        foreach (var file in r.Generated) ui.Line("wrote " + file);
        if (r.Generated.Count == 0) ui.Info("nothing was missing");
        ui.Line("artifacts: " + string.Join(", ", r.Artifacts.Select(a => $"{a.Id} {a.Status}")));
        if (r.Branches.Count > 0) ui.Line("branch in: " + string.Join(", ", r.Branches));
        ui.Line(Brief(r.Validation));
    }

    private static string Brief(ValidationBrief v) =>
        $"validation: {(v.Valid ? "valid" : "invalid")} ({v.Errors} error{(v.Errors == 1 ? "" : "s")}, {v.Warnings} warning{(v.Warnings == 1 ? "" : "s")}; 'smctl spec validate' for details)";

    private static SmctlCommand Apply(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecApply, "apply", RenderApply)
            .WithExamples("smctl spec apply add-login", "smctl spec apply add-login --done 1.1 1.2", "smctl spec apply --undo 1.2");

    private static SmctlCommand Validate(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecValidate, "validate", RenderValidate)
            .WithExamples("smctl spec validate add-login", "smctl spec validate --all --strict --json", "smctl spec validate auth --type spec");

    private static void RenderValidate(SpecValidateResult r, Ui ui)
    {
        foreach (var item in r.Items)
        {
            var label = $"{item.Type}/{item.Name ?? item.Id}";
            if (item.Valid) ui.MarkupLine($"[green]✓[/] {Markup.Escape(label)}");
            else ui.MarkupLine($"[red]✗[/] {Markup.Escape(label)}");
            foreach (var issue in item.Issues)
            {
                var mark = issue.Level == "ERROR" ? "[red]✗[/]" : issue.Level == "WARNING" ? "[yellow]⚠[/]" : "[blue]ℹ[/]";
                var where = issue.Line is { } line ? $"{issue.Path}:{line}" : issue.Path;
                ui.MarkupLine($"  {mark} [[{issue.Level}]] {Markup.Escape(where)}: {Markup.Escape(issue.Message)}{(issue.Rule is null ? "" : $" [dim]({Markup.Escape(issue.Rule)})[/]")}");
            }
        }
        var t = r.Summary.Totals;
        ui.Line(t.Items == 0 ? "No items found to validate." : $"Totals: {t.Passed} passed, {t.Failed} failed ({t.Items} items)");
    }

    private static SmctlCommand Archive(CliHost host) =>
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
    }

    private static void RenderStatus(SpecStatusResult s, Ui ui)
    {
        ui.MarkupLine($"[bold]{Markup.Escape(s.Name)}[/] ({Markup.Escape(s.Change)}), safety {s.Safety}");
        ui.Line($"tasks: {s.CompletedTasks}/{s.TotalTasks}");
        ui.Line("artifacts: " + string.Join(", ", s.Artifacts.Select(a => $"{a.Id} {a.Status}")));
        foreach (var q in s.OpenQuestions) ui.Line("open question: " + q);
        foreach (var b in s.Branches)
            ui.Line($"{b.Repo}: {b.Branch} " + (!b.Exists ? "(not there)" : b.Merged == true ? "(merged)" : "(not merged)"));
        ui.Line(Brief(s.Validation));
    }

    private static void RenderApply(SpecApplyResult r, Ui ui)
    {
        foreach (var c in r.Changed) ui.Line($"{(c.Done ? "ticked" : "unticked")} {c.Position}: {c.Text}");
        ui.MarkupLine($"[bold]{Markup.Escape(r.Name)}[/]: {r.CompletedTasks}/{r.TotalTasks} tasks done");
        foreach (var t in r.Next.Take(5)) ui.Line($"  [ ] {t.Position}: {t.Text}");
        if (r.Next.Count > 5) ui.Line($"  … and {r.Next.Count - 5} more");
        if (r.ContextFiles.Count > 0) ui.Info("read first: " + string.Join(", ", r.ContextFiles));
    }

    private static void RenderNew(SpecNewResult result, Ui ui)
    {
        ui.MarkupLine($"created change [bold]{Markup.Escape(result.Id)}[/] at {Markup.Escape(result.Change)}");
        foreach (var file in result.Files) ui.Line("  " + file);
        if (result.Branch is { } run) RunView.Render(run, ui);
        ui.Info("next: write proposal.md and tasks.md, then 'openspec status --change " + result.Id + "'");
    }

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

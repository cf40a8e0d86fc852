using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec validate</summary>
public static class ValidateCommand
{
    public static SmctlCommand Create(CliHost host) =>
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
        // A change just made has no delta specs yet, and fails for that alone: say what writes them.
        foreach (var item in r.Items.Where(i => !i.Valid && i.Type == "change" && i.Issues.Any(x => x.Message.Contains("delta", StringComparison.OrdinalIgnoreCase))))
            ui.Hint($"'smctl spec ff {item.Id}' writes {item.Id}'s missing artifacts (delta specs, design, tasks) as skeletons to fill in");
        var t = r.Summary.Totals;
        ui.Line(t.Items == 0 ? "No items found to validate." : $"Totals: {t.Passed} passed, {t.Failed} failed ({t.Items} items)");
    }
}

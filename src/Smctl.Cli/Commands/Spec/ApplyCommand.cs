using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec apply ID: tick tasks and show what is next.</summary>
public static class ApplyCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecApply, "apply", RenderApply)
            .WithExamples("smctl spec apply add-login", "smctl spec apply add-login --done 1.1 1.2", "smctl spec apply --undo 1.2");

    private static void RenderApply(SpecApplyResult r, Ui ui)
    {
        foreach (var c in r.Changed) ui.Line($"{(c.Done ? "ticked" : "unticked")} {c.Position}: {c.Text}");
        ui.MarkupLine($"[bold]{Markup.Escape(r.Name)}[/]: {r.CompletedTasks}/{r.TotalTasks} tasks done");
        foreach (var t in r.Next.Take(5)) ui.Line($"  [ ] {t.Position}: {t.Text}");
        if (r.Next.Count > 5) ui.Line($"  … and {r.Next.Count - 5} more");
        if (r.ContextFiles.Count > 0) ui.Info("read first: " + string.Join(", ", r.ContextFiles));
    }
}

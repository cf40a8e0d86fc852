using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec status ID</summary>
public static class StatusCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecStatus, "status", RenderStatus).WithExamples("smctl spec status add-login", "smctl spec status docs:add-login --json");

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

    internal static string Brief(ValidationBrief v) =>
        $"validation: {(v.Valid ? "valid" : "invalid")} ({v.Errors} error{(v.Errors == 1 ? "" : "s")}, {v.Warnings} warning{(v.Warnings == 1 ? "" : "s")}; 'smctl spec validate' for details)";
}

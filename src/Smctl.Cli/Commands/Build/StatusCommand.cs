using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Build;
using Smctl.Core.Catalog;
using Spectre.Console;

namespace Smctl.Cli.Commands.Build;

/// <summary>smctl build status: the last build and each repo's last verification.</summary>
public static class StatusCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.BuildStatus, "status", Render)
            .WithExamples("smctl build status", "smctl build status --json");

    private static void Render(BuildStatusResult status, Ui ui)
    {
        if (status.Last is { } last)
        {
            var counts = last.Repos.GroupBy(r => JsonNames.Of(r.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            ui.Line($"last build {last.RunId}: {string.Join(", ", counts)} in {last.DurationMs} ms");
        }
        if (status.Verification.Count == 0)
        {
            ui.Info("no verification has run yet ('smctl build --verify')");
            return;
        }
        ui.Table(["repo", "verification", "when"], status.Verification.Select(v => (IReadOnlyList<string>)
            [Markup.Escape(v.Repo), v.Ok ? "[green]passed[/]" : $"[red]failed (exit {v.ExitCode})[/]", v.At.ToString("u")]));
    }
}

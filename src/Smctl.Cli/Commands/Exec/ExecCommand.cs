using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Exec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Exec;

public static class ExecCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var stream = new Option<bool>("--stream") { Description = "Print lines as they come, prefixed with the repo, instead of grouped per repo" };
        var exec = OperationCommand.Create(host, OperationCatalog.Exec, "exec", (r, ui, p) => Render(r, ui, grouped: !p.GetValue(stream)),
            view: [stream],
            outputLine: (p, ui) =>
            {
                if (!p.GetValue(stream) || ui.Json) return null;
                var sink = new object();
                return (repo, line, isErr) => { lock (sink) (isErr ? ui.Err : ui.Out).WriteLine($"[{repo}] {line}"); };
            });
        return exec.WithExamples(
            "smctl exec -- git log -1 --oneline",
            "smctl exec --repos api,web -- 'npm ci && npm test'",
            "smctl exec -j 8 --stream -- make lint",
            "smctl exec --json -- git rev-parse HEAD | jq -r '.repos[] | \"\\(.name) \\(.stdout)\"'");
    }

    private static void Render(ExecResult result, Ui ui, bool grouped)
    {
        if (result.DryRun)
        {
            var shown = result.Command.Count == 1 ? result.Command[0] : string.Join(' ', result.Command);
            foreach (var r in result.Repos)
                ui.Line(r.Error is null ? $"would run in {r.Name} ({r.Path}): {shown}" : $"{r.Name}: {r.Error}");
            return;
        }
        if (grouped)
        {
            foreach (var r in result.Repos)
            {
                var status = r.Error ?? $"exit {r.ExitCode}";
                ui.MarkupLine($"[bold]── {Markup.Escape(r.Name)}[/] [{(r.Ok ? "green" : "red")}]({Markup.Escape(status)}, {r.DurationMs} ms)[/]");
                if (r.Stdout.Length > 0) ui.Out.Write(r.Stdout);
                if (r.Stderr.Length > 0) ui.Err.Write(r.Stderr);
            }
        }
        var failed = result.Repos.Where(r => !r.Ok).ToList();
        var summary = $"{result.Repos.Count - failed.Count} ok, {failed.Count} failed"
            + (failed.Count > 0 ? ": " + string.Join(", ", failed.Select(f => $"{f.Name} ({f.Error ?? $"exit {f.ExitCode}"})")) : "");
        if (failed.Count > 0) ui.Error(summary);
        else ui.Info(summary);
    }
}

using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Build;
using Smctl.Core.Catalog;
using Spectre.Console;

namespace Smctl.Cli.Commands.Build;

/// <summary>smctl build [repo…] and build graph | status | clean-cache; smctl sb is the same build.</summary>
public static class BuildCommand
{
    public static SmctlCommand Create(CliHost host, string name = "build", bool alias = false)
    {
        // View options: how the result is shown, never what is built.
        var explain = new Option<bool>("--explain") { Description = "Say for each rebuilt repo which part of its cache key changed" };
        var graph = new Option<bool>("--graph") { Description = "Print the dependency graph instead of building (same as 'smctl build graph')" };
        var format = GraphCommand.Format();
        var command = OperationCommand.Create(host, OperationCatalog.Build, name, (r, ui, p) => Render(r, ui, p.GetValue(explain)),
            showProgress: true, view: [explain, graph, format]);
        // --graph answers without building.
        var build = command.Action!;
        command.SetAction((p, ct) => p.GetValue(graph)
            ? CommandRuntime.RunAsync(p, host, OperationCatalog.BuildGraph, _ => new BuildGraphInput(), (r, ui, q) => GraphCommand.Render(r, ui, q.GetValue(format)!), null, false, ct)
            : ((System.CommandLine.Invocation.AsynchronousCommandLineAction)build).InvokeAsync(p, ct));
        command.IsAlias = alias;
        if (!alias)
        {
            command.Add(GraphCommand.Create(host));
            command.Add(StatusCommand.Create(host));
            command.Add(CleanCacheCommand.Create(host));
        }
        return command.WithExamples(
            "smctl build", "smctl build gateway --test", "smctl build --parallel --keep-going", "smctl build -j 4 --explain",
            "smctl build --verify && smctl build status", "smctl build --worktree gpu-accel", "smctl build --affected --since v1.4.0");
    }

    private static void Render(BuildResult result, Ui ui, bool explain)
    {
        var planned = result.Repos.Any(r => r.Status == BuildOutcome.WouldBuild);
        var why = explain || planned || result.Repos.Any(r => r.Status is BuildOutcome.Skipped or BuildOutcome.Missing);
        ui.Table(why ? ["repo", "result", "time", "why"] : ["repo", "result", "time"], result.Repos.Select(r =>
        {
            var row = new List<string>
            {
                Markup.Escape(r.Name),
                r.Status switch { BuildOutcome.Built => "[green]built[/]", BuildOutcome.Cached => "[grey]cached[/]", BuildOutcome.Failed => $"[red]failed (exit {r.ExitCode?.ToString() ?? "-"})[/]", _ => $"[yellow]{JsonNames.Of(r.Status)}[/]" },
                r.Status == BuildOutcome.Cached ? "" : $"{r.DurationMs / 1000.0:0.0} s",
            };
            if (why) row.Add(explain || r.Status is BuildOutcome.Skipped or BuildOutcome.Missing or BuildOutcome.WouldBuild ? Markup.Escape(string.Join("; ", r.Reasons ?? [])) : "");
            return (IReadOnlyList<string>)row;
        }));
        if (result.DryRun)
        {
            foreach (var r in result.Repos.Where(r => r.Commands is { Count: > 0 }))
                foreach (var command in r.Commands!) ui.Line($"{r.Name}: would run {command}");
            ui.Info($"dry run: {result.Repos.Count(r => r.Status == BuildOutcome.WouldBuild)} to build, {result.Repos.Count(r => r.Status == BuildOutcome.Cached)} cached (-j {result.Jobs}); nothing was run or written");
            return;
        }
        foreach (var f in result.Repos.Where(r => r.Status == BuildOutcome.Failed))
        {
            ui.Error($"{f.Name}: '{f.FailedCommand}' exited with {f.ExitCode?.ToString() ?? "an error"}; last lines of {f.Log}:");
            foreach (var line in f.LogTail ?? []) ui.Err.WriteLine("  " + line);
        }
        ui.Info($"{result.Repos.Count(r => r.Status == BuildOutcome.Built)} built, {result.Repos.Count(r => r.Status == BuildOutcome.Cached)} cached, {result.Failed} failed, "
            + $"{result.Repos.Count(r => r.Status == BuildOutcome.Skipped)} skipped in {result.DurationMs / 1000.0:0.0} s (-j {result.Jobs})");
    }
}

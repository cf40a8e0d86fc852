using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Demo;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Demo;

/// <summary>Builds the sample workspace and walks through it: the README's first command.</summary>
public static class DemoCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var dir = new Argument<string>("dir") { Description = "Folder to create it in (must be new or empty)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "smctl-demo" };
        var command = new SmctlCommand("demo", "Create a self-contained sample workspace (three repos with local remotes) and take a tour of smctl. No network.");
        command.Add(dir);
        command.SetAction((p, ct) =>
        {
            var ui = CommandRuntime.UiFor(p, host);
            return CommandRuntime.GuardAsync(ui, async () =>
            {
                var target = Path.GetFullPath(p.GetValue(dir)!, host.CurrentDirectory);
                if (p.GetValue(GlobalOptions.DryRun))
                {
                    ui.Info($"would create a sample workspace in {target}");
                    return 0;
                }
                ui.Info($"Creating a sample workspace in {target} …");
                var sample = await SampleWorkspace.CreateAsync(target, e => { if (e.Finished) ui.Info($"  {e.Repo}: {e.Phase}"); }, ct);
                var context = CommandRuntime.ContextFor(p, new CliHost
                {
                    CurrentDirectory = sample.Workspace,
                    GetEnvironment = name => name == "SMCTL_WORKSPACE" ? null : host.GetEnvironment(name),
                    Out = host.Out,
                    Err = host.Err,
                    Terminal = host.Terminal,
                }, ui);
                var status = await OperationCatalog.WorkspaceStatus.RunAsync(context, new WorkspaceStatusInput(), ct);
                if (ui.Json)
                {
                    ui.WriteJson(status, OperationCatalog.WorkspaceStatus.ResultJson);
                    return 0;
                }
                Tour(ui, sample, status);
                PathHint(ui, host);
                return 0;
            });
        });
        return command.WithExamples("smctl demo", "smctl demo /tmp/smctl-demo");
    }

    private static void Tour(Ui ui, SampleWorkspaceResult sample, WorkspaceStatusResult status)
    {
        ui.MarkupLine($"[bold]A workspace of {sample.Repos.Count} repos[/] is ready in {Spectre.Console.Markup.Escape(sample.Workspace)}");
        ui.Line($"(their remotes are bare repos in {sample.Remotes}; kernel has a local edit, runtime is behind its remote)");
        ui.Line();
        ui.MarkupLine("[bold]smctl workspace status[/]");
        Workspace.StatusCommand.Render(status, ui);
        ui.Line();
        ui.MarkupLine("[bold]Try next[/] (inside the workspace, or with -w):");
        foreach (var (cmd, what) in new[]
                 {
                     ($"cd {sample.Workspace}", ""),
                     ("smctl workspace list", "the repos, their remotes and dependencies"),
                     ("smctl workspace sync", "fetch all; fast-forward runtime, leave kernel's edit alone"),
                     ("smctl exec -- git log --oneline -3", "run a command in every repo"),
                     ("smctl workspace checkout main", "refused: kernel has uncommitted changes (all repos are checked first)"),
                     ("smctl config show --origin", "every setting and where it came from"),
                     ("smctl build --parallel", "build in dependency order; run it twice: the second is cached"),
                     ("smctl ss add-auth --repos gateway", "an OpenSpec change in gateway/openspec, and feature/add-auth"),
                     ("smctl spec ff add-auth", "its delta specs, design and tasks written as skeletons to fill in"),
                     ("smctl spec validate --all", "OpenSpec's checks and smctl's on every change and spec (as openspec validate)"),
                     ("smctl release plan", "the version each repo's commits call for"),
                     ("smctl mcp config --client claude", "let an AI assistant drive all of this (smctl serve --mcp)"),
                     ("smctl workspace status --json", "the same, for scripts and assistants"),
                 })
            ui.MarkupLine($"  [cyan]{Spectre.Console.Markup.Escape(cmd)}[/]{(what.Length > 0 ? $"  [grey]# {Spectre.Console.Markup.Escape(what)}[/]" : "")}");
    }

    /// <summary>
    /// The tour's commands need smctl on PATH: when it is not there, say how to put this very build there (a
    /// 'dotnet run' build lives in bin/), or how to install it.
    /// </summary>
    private static void PathHint(Ui ui, CliHost host)
    {
        var path = host.GetEnvironment("PATH") ?? "";
        if (path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "smctl")))) return;
        ui.Line();
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "smctl")
            ui.MarkupLine($"smctl is not on your PATH yet. For this shell: [cyan]export PATH=\"{Spectre.Console.Markup.Escape(Path.GetDirectoryName(self)!)}:$PATH\"[/]");
        else
            ui.MarkupLine("smctl is not on your PATH yet: build it once with [cyan]dotnet build src/Smctl.Cli -c Release -o ~/.local/smctl[/] and [cyan]export PATH=\"$HOME/.local/smctl:$PATH\"[/]");
        ui.Line("(to install it for good, see README.md, Install: a NativeAOT tarball or a dotnet tool)");
    }
}

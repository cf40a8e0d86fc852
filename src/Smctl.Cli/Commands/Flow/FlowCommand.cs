using Smctl.Cli.Commands.Run;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Smctl.Core.Plans;
using Spectre.Console;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow: git flow across repos.</summary>
public static class FlowCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var flow = new SmctlCommand("flow", "Git flow across repos: feature, release and hotfix branches, planned and checked in every repo before any changes; resumable.");
        flow.Add(Init(host));
        flow.Add(Kind(host, "feature",
            Start(host, OperationCatalog.FeatureStart, "smctl flow feature start gpu-accel", "smctl flow feature start gpu-accel --repos kernel,runtime --no-push"),
            Finish(host, OperationCatalog.FeatureFinish, "smctl flow feature finish gpu-accel", "smctl flow feature finish gpu-accel --dry-run", "smctl flow feature finish gpu-accel --keep --no-push"),
            OperationCatalog.FeatureList));
        flow.Add(Kind(host, "release",
            Start(host, OperationCatalog.ReleaseStart, "smctl flow release start 1.4.0", "smctl flow release start --auto --dry-run   # the version the commits call for"),
            Finish(host, OperationCatalog.ReleaseFinish, "smctl flow release finish 1.4.0 --dry-run   # the changelog and version diffs, merges, tag", "smctl flow release finish 1.4.0 -m 'Spring release'"),
            OperationCatalog.ReleaseList));
        flow.Add(Kind(host, "hotfix",
            Start(host, OperationCatalog.HotfixStart, "smctl flow hotfix start", "smctl flow hotfix start 1.4.1"),
            Finish(host, OperationCatalog.HotfixFinish, "smctl flow hotfix finish 1.4.1"),
            OperationCatalog.HotfixList));
        flow.Add(ListCommand(host, OperationCatalog.FlowBranches, "list"));
        flow.Add(RunControlCommands.Create(host, OperationCatalog.FlowStatus));
        foreach (var op in new[] { OperationCatalog.Continue, OperationCatalog.Skip, OperationCatalog.Abort, OperationCatalog.Undo })
            flow.Add(RunControlCommands.Create(host, op, alias: true));
        return flow.WithExamples(
            "smctl flow init",
            "smctl flow feature start gpu-accel --repos kernel,runtime",
            "smctl flow feature finish gpu-accel --dry-run",
            "smctl flow release start 1.4 && smctl flow release finish 1.4",
            "smctl flow hotfix start          # the next patch version");
    }

    private static SmctlCommand Init(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.FlowInit, "init", RunView.Render, showProgress: true)
            .WithExamples("smctl flow init", "smctl flow init --no-push --dry-run");

    private static SmctlCommand Kind(CliHost host, string kind, SmctlCommand start, SmctlCommand finish, IOperation<FlowListInput, FlowListResult> list)
    {
        var command = new SmctlCommand(kind, kind switch
        {
            "feature" => "Feature branches: start from develop, finish into develop.",
            "release" => "Release branches: start from develop, finish into main (tagged) and back into develop.",
            _ => "Hotfix branches: start from main, finish into main (tagged) and back into develop.",
        });
        command.Add(start);
        command.Add(finish);
        if (kind == "feature") command.Add(Update(host));
        command.Add(ListCommand(host, list, "list"));
        return command;
    }

    private static SmctlCommand Start<TInput>(CliHost host, IOperation<TInput, RunResult> op, params string[] examples) =>
        OperationCommand.Create(host, op, "start", RunView.Render, showProgress: true).WithExamples(examples);

    private static SmctlCommand Finish<TInput>(CliHost host, IOperation<TInput, RunResult> op, params string[] examples) =>
        OperationCommand.Create(host, op, "finish", RunView.Render, showProgress: true).WithExamples(examples);

    private static SmctlCommand Update(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.FeatureUpdate, "update", RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature update gpu-accel", "smctl flow feature update gpu-accel --rebase");

    private static SmctlCommand ListCommand(CliHost host, IOperation<FlowListInput, FlowListResult> op, string name) =>
        OperationCommand.Create(host, op, name, RenderList).WithExamples("smctl flow list", "smctl flow feature list --json");

    private static void RenderList(FlowListResult result, Ui ui)
    {
        if (result.Branches.Count == 0)
        {
            ui.Info("no flow branches");
            return;
        }
        ui.Table(["branch", "repos", "vs base"], result.Branches.Select(b => (IReadOnlyList<string>)
        [
            Markup.Escape(b.Branch),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Repo + (r.Local ? "" : " (remote only)")))),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Ahead is null ? $"{r.Repo}: no {b.Base}" : $"{r.Repo}: +{r.Ahead} -{r.Behind}"))),
        ]));
    }
}

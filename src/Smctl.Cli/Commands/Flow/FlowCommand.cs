using Smctl.Cli.Commands.Run;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;
using Smctl.Core.Flow;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow: git flow across repos.</summary>
public static class FlowCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var flow = new SmctlCommand("flow", "Git flow across repos: feature, release and hotfix branches, planned and checked in every repo before any changes; resumable.");
        flow.Add(InitCommand.Create(host));
        flow.Add(Kind(host, "feature",
            StartCommand.Create(host, OperationCatalog.FeatureStart, "smctl flow feature start gpu-accel", "smctl flow feature start gpu-accel --repos kernel,runtime --no-push"),
            FinishCommand.Create(host, OperationCatalog.FeatureFinish, "smctl flow feature finish gpu-accel", "smctl flow feature finish gpu-accel --dry-run", "smctl flow feature finish gpu-accel --keep --no-push"),
            OperationCatalog.FeatureList));
        flow.Add(Kind(host, "release",
            StartCommand.Create(host, OperationCatalog.ReleaseStart, "smctl flow release start 1.4.0", "smctl flow release start --auto --dry-run   # the version the commits call for"),
            FinishCommand.Create(host, OperationCatalog.ReleaseFinish, "smctl flow release finish 1.4.0 --dry-run   # the changelog and version diffs, merges, tag", "smctl flow release finish 1.4.0 -m 'Spring release'"),
            OperationCatalog.ReleaseList));
        flow.Add(Kind(host, "hotfix",
            StartCommand.Create(host, OperationCatalog.HotfixStart, "smctl flow hotfix start", "smctl flow hotfix start 1.4.1"),
            FinishCommand.Create(host, OperationCatalog.HotfixFinish, "smctl flow hotfix finish 1.4.1"),
            OperationCatalog.HotfixList));
        flow.Add(ListCommand.Create(host, OperationCatalog.FlowBranches, "list"));
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
        if (kind == "feature") command.Add(UpdateCommand.Create(host));
        if (kind == "feature") command.Add(ProposeCommand.Create(host));
        command.Add(ListCommand.Create(host, list, "list"));
        return command;
    }
}

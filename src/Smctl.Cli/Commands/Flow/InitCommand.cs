using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow init: git-flow branches and config in every repo.</summary>
public static class InitCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.FlowInit, "init", RunView.Render, showProgress: true)
            .WithExamples("smctl flow init", "smctl flow init --no-push --dry-run");
}

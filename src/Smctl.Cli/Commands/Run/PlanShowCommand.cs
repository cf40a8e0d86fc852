using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl plan show ID</summary>
public static class PlanShowCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.PlanShow, "show", RunView.Render)
            .WithExamples("smctl plan show 20261125-101500-flow-feature-finish-login");
}

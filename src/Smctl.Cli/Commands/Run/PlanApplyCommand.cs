using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl plan apply ID: runs exactly the saved plan.</summary>
public static class PlanApplyCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.PlanApply, "apply", RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature finish login --dry-run --save-plan", "smctl plan apply 20261125-101500-flow-feature-finish-login");
}

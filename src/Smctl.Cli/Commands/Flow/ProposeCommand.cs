using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow feature propose NAME: push the feature and print the pages that open its pull requests.</summary>
public static class ProposeCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.FeaturePropose, "propose", RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature propose gpu-accel", "smctl flow feature propose --json");
}

using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow feature update NAME: bring develop into the feature.</summary>
public static class UpdateCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.FeatureUpdate, "update", RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature update gpu-accel", "smctl flow feature update gpu-accel --rebase");
}

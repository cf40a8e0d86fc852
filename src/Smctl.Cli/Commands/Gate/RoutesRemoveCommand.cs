using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate routes remove MODEL</summary>
public static class RoutesRemoveCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesRemove, "remove", RoutesListCommand.RenderRoutes)
            .WithExamples("smctl gate routes remove resnet");
    }
}

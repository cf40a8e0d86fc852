using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate routes set MODEL TARGET</summary>
public static class RoutesSetCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesSet, "set", RoutesListCommand.RenderRoutes)
            .WithExamples("smctl gate routes set resnet http://gpu-box:8000", "smctl gate routes set add 1");
    }
}

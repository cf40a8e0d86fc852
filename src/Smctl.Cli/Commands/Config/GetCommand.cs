using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Config;

/// <summary>smctl config get KEY</summary>
public static class GetCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ConfigGet, "get", (v, ui) => { if (v.Value is not null) ui.Line(v.Value); }, v => v.Value is null ? 1 : 0)
            .WithExamples("smctl config get flow.develop_branch", "smctl config get core.jobs --json");
}

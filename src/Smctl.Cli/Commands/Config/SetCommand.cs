using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Config;

/// <summary>smctl config set KEY VALUE</summary>
public static class SetCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ConfigSet, "set", (r, ui) => ui.Info($"{r.Key} = {r.Value} ({r.Scope}: {r.File})"))
            .WithExamples("smctl config set flow.develop_branch dev", "smctl config set user.email me@example.com --scope user",
                "smctl config set core.jobs 8 --scope workspace      # into .smctl/workspace.toml (the default inside a workspace)");
}

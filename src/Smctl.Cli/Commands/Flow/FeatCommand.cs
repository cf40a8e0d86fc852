using System.Text.Json.Nodes;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl feat NAME: flow feature start with its worktree set.</summary>
public static class FeatCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.FeatureStart, "feat", (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Start a feature in a worktree set: smctl flow feature start <name> --worktree (one validated plan).",
            presets: new Dictionary<string, JsonNode> { ["worktree"] = true });
        command.IsAlias = true;
        return command.WithExamples("smctl feat gpu-accel", "cd \"$(smctl worktree path gpu-accel kernel)\"");
    }
}

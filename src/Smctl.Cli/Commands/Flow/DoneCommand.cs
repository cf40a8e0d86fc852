using System.Text.Json.Nodes;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl done NAME: worktree remove and flow feature finish, as one plan.</summary>
public static class DoneCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.FeatureFinish, "done", (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Finish a feature and remove its worktree set: smctl worktree remove + smctl flow feature finish, as one validated plan (nothing happens if finishing would fail).",
            presets: new Dictionary<string, JsonNode> { ["removeWorktree"] = true });
        command.IsAlias = true;
        return command.WithExamples("smctl done gpu-accel", "smctl done gpu-accel --dry-run");
    }
}

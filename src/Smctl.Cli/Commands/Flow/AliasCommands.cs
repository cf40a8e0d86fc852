using System.Text.Json.Nodes;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Flow;

/// <summary>
/// The seed's short forms: feat = flow feature start + worktree add; done = worktree remove + flow feature finish,
/// each one validated plan; ss = spec new; sb = build. Each is its operation with one input fixed.
/// </summary>
public static class AliasCommands
{
    public static IEnumerable<SmctlCommand> Create(CliHost host) => [Feat(host), Done(host), Spec.SpecCommand.New(host, "ss", alias: true), Build.BuildCommand.Create(host, "sb", alias: true)];

    private static SmctlCommand Feat(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.FeatureStart, "feat", (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Start a feature in a worktree set: smctl flow feature start <name> --worktree (one validated plan).",
            presets: new Dictionary<string, JsonNode> { ["worktree"] = true });
        command.IsAlias = true;
        return command.WithExamples("smctl feat gpu-accel", "cd \"$(smctl worktree path gpu-accel kernel)\"");
    }

    private static SmctlCommand Done(CliHost host)
    {
        var command = OperationCommand.Create(host, OperationCatalog.FeatureFinish, "done", (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Finish a feature and remove its worktree set: smctl worktree remove + smctl flow feature finish, as one validated plan (nothing happens if finishing would fail).",
            presets: new Dictionary<string, JsonNode> { ["removeWorktree"] = true });
        command.IsAlias = true;
        return command.WithExamples("smctl done gpu-accel", "smctl done gpu-accel --dry-run");
    }
}

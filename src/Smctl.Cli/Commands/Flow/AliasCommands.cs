using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Flow;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Flow;

/// <summary>
/// The seed's short forms: feat = flow feature start + worktree add; done = worktree remove + flow feature finish,
/// each one validated plan; ss = spec new; sb = build.
/// </summary>
public static class AliasCommands
{
    public static IEnumerable<SmctlCommand> Create(CliHost host) => [Feat(host), Done(host), Spec.SpecCommand.New(host, "ss", alias: true), Build.BuildCommand.Create(host, "sb", alias: true)];

    private static SmctlCommand Feat(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Feature name" };
        var repos = RepoOptions.Repos(host, "Only these repos (default: all)");
        var noPush = new Option<bool>("--no-push") { Description = "Do not push the new branch" };
        var command = OperationCommand.Create(host, OperationCatalog.FeatureStart, "feat", [name, repos, noPush],
            p => new FlowStartInput { Name = p.GetValue(name), Repos = OperationCommand.List(p.GetValue(repos)), NoPush = p.GetValue(noPush), Worktree = true },
            (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Start a feature in a worktree set: smctl flow feature start <name> --worktree (one validated plan).");
        command.IsAlias = true;
        return command.WithExamples("smctl feat gpu-accel", "cd \"$(smctl worktree path gpu-accel kernel)\"");
    }

    private static SmctlCommand Done(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Feature name" };
        var noPush = new Option<bool>("--no-push") { Description = "Do not push or delete anything on the remote" };
        var command = OperationCommand.Create(host, OperationCatalog.FeatureFinish, "done", [name, noPush],
            p => new FlowFinishInput { Name = p.GetValue(name)!, NoPush = p.GetValue(noPush), RemoveWorktree = true },
            (r, ui, _) => RunView.Render(r, ui), showProgress: true,
            description: "Finish a feature and remove its worktree set: smctl worktree remove + smctl flow feature finish, as one validated plan (nothing happens if finishing would fail).");
        command.IsAlias = true;
        return command.WithExamples("smctl done gpu-accel", "smctl done gpu-accel --dry-run");
    }
}

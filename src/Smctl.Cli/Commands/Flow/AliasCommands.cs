using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Flow;

/// <summary>
/// The seed's short forms: feat = flow feature start + worktree add; done = worktree remove + flow feature finish,
/// each one validated plan; ss = spec new; sb = build. Each is its operation with one input fixed.
/// </summary>
public static class AliasCommands
{
    public static IEnumerable<SmctlCommand> Create(CliHost host) => [FeatCommand.Create(host), DoneCommand.Create(host), Spec.NewCommand.Create(host, "ss", alias: true), Build.BuildCommand.Create(host, "sb", alias: true)];
}

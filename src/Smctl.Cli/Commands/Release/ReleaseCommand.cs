using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Release;

/// <summary>smctl release: versions from Conventional Commits, and release notes; releases themselves are 'flow release start|finish'.</summary>
public static class ReleaseCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var release = new SmctlCommand("release", "Plan versions from Conventional Commits and write release notes; cut the release with 'smctl flow release start|finish'.");
        release.Add(PlanCommand.Create(host));
        release.Add(NotesCommand.Create(host));
        return release.WithExamples("smctl release plan", "smctl release notes --repos kernel", "smctl flow release start --auto && smctl flow release finish 1.5.0");
    }
}

using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec: OpenSpec changes across the workspace, in OpenSpec's own format.</summary>
public static class SpecCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var spec = new SmctlCommand("spec", "OpenSpec spec-driven development across repos: changes in OpenSpec's own format, linked to feature branches.");
        spec.Add(NewCommand.Create(host, "new"));
        spec.Add(ListCommand.Create(host));
        spec.Add(StatusCommand.Create(host));
        spec.Add(FastForwardCommand.Create(host));
        spec.Add(ApplyCommand.Create(host));
        spec.Add(ValidateCommand.Create(host));
        spec.Add(ArchiveCommand.Create(host));
        return spec.WithExamples("smctl spec new add-login --repos gateway,runtime", "smctl spec list", "smctl spec apply add-login --done 1.1",
            "smctl spec validate --all --strict", "smctl spec archive add-login --dry-run");
    }
}

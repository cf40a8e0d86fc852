using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec ff ID: the planning artifacts a change still lacks.</summary>
public static class FastForwardCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.SpecFastForward, "ff", RenderFastForward).WithExamples("smctl spec ff add-login", "smctl spec ff --dry-run");

    private static void RenderFastForward(SpecFastForwardResult r, Ui ui)
    {
        foreach (var file in r.Generated) ui.Line("wrote " + file);
        if (r.Generated.Count == 0) ui.Info("nothing was missing");
        ui.Line("artifacts: " + string.Join(", ", r.Artifacts.Select(a => $"{a.Id} {a.Status}")));
        if (r.Branches.Count > 0) ui.Line("branch in: " + string.Join(", ", r.Branches));
        ui.Line(StatusCommand.Brief(r.Validation));
    }
}

using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Spec;
using Spectre.Console;

namespace Smctl.Cli.Commands.Spec;

/// <summary>smctl spec new ID (also the ss alias): an OpenSpec change and its feature branch.</summary>
public static class NewCommand
{
    /// <summary>spec new, also reachable as the ss alias.</summary>
    public static SmctlCommand Create(CliHost host, string name, bool alias = false)
    {
        var command = OperationCommand.Create(host, OperationCatalog.SpecNew, name, (r, ui, _) => RenderNew(r, ui), showProgress: true,
            description: alias ? "Short for 'smctl spec new': create an OpenSpec change and start its feature branch." : null);
        command.IsAlias = alias;
        return command.WithExamples($"smctl {name} add-login", $"smctl {name} add-login --repos gateway --safety high", $"smctl {name} fix-typo --no-branch --dry-run");
    }

    private static void RenderNew(SpecNewResult result, Ui ui)
    {
        ui.MarkupLine($"created change [bold]{Markup.Escape(result.Id)}[/] at {Markup.Escape(result.Change)}");
        foreach (var file in result.Files) ui.Line("  " + file);
        if (result.Branch is { } run) RunView.Render(run, ui);
        ui.Info($"next: write proposal.md, then 'smctl spec ff {result.Id}' (the delta specs, design and tasks as skeletons) and 'smctl spec status {result.Id}'");
    }
}

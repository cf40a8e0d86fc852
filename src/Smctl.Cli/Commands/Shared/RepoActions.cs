using Smctl.Cli.Output;
using Smctl.Core.Workspace.Shared;
using Spectre.Console;

namespace Smctl.Cli.Commands.Shared;

/// <summary>Shows what a command did to each repo.</summary>
public static class RepoActions
{
    public static void Render(Ui ui, IReadOnlyList<RepoAction> actions)
    {
        foreach (var a in actions)
        {
            var color = a.Action is "failed" or "missing-no-url" ? "red" : a.Action.StartsWith("would", StringComparison.Ordinal) ? "yellow" : "green";
            ui.MarkupLine($"  [{color}]{Markup.Escape(a.Action),-14}[/] {Markup.Escape(a.Name)}{(a.Path != a.Name ? $" ({Markup.Escape(a.Path)})" : "")}"
                + (a.Error is null ? "" : $": {Markup.Escape(a.Error)}"));
        }
    }
}

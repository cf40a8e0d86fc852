using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;
using Smctl.Core.Runs;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl continue | skip | abort | undo (and the same under 'smctl flow'), and smctl flow status.</summary>
public static class RunControlCommands
{
    public static SmctlCommand Create(CliHost host, RunControl op, bool alias = false)
    {
        var name = op.Info.Name.Split('.')[^1];
        var command = OperationCommand.Create(host, op, name, RunView.Render, showProgress: true);
        command.IsAlias = alias;
        return command.WithExamples(name switch
        {
            "continue" => ["smctl continue", "smctl flow continue"],
            "skip" => ["smctl skip --yes"],
            "abort" => ["smctl abort", "smctl abort --yes --json"],
            "undo" => ["smctl undo --dry-run", "smctl undo --yes"],
            _ => ["smctl flow status", "smctl flow status --json"],
        });
    }

    public static IEnumerable<SmctlCommand> TopLevel(CliHost host) =>
        [Create(host, OperationCatalog.Continue), Create(host, OperationCatalog.Skip), Create(host, OperationCatalog.Abort), Create(host, OperationCatalog.Undo)];
}

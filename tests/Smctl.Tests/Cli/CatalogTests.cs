using Smctl.Cli;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Docs;
using Smctl.Core.Catalog;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>Every operation of the catalog has its CLI face, named after it, and no command runs an unlisted operation.</summary>
public sealed class CatalogTests
{
    private static readonly CliHost Host = new() { CurrentDirectory = "/", GetEnvironment = _ => null, Out = TextWriter.Null, Err = TextWriter.Null, Terminal = false };

    [Fact]
    public void Every_operation_has_exactly_one_command_at_its_path()
    {
        var commands = CliReference.Walk(SmctlApp.Build(Host)).Where(c => c.Command is SmctlCommand { Operation: not null }).ToList();
        foreach (var op in OperationCatalog.All)
        {
            var faces = commands.Where(c => ReferenceEquals(((SmctlCommand)c.Command).Operation, op) && !((SmctlCommand)c.Command).IsAlias).ToList();
            Assert.True(faces.Count == 1, $"operation {op.Info.Name} has {faces.Count} CLI commands");
            Assert.Equal("smctl " + op.Info.CommandPath, faces[0].Path);
        }
        Assert.All(commands, c => Assert.Contains(((SmctlCommand)c.Command).Operation, OperationCatalog.All));
    }

    [Fact]
    public void Operation_names_are_unique_and_serialisable()
    {
        Assert.Equal(OperationCatalog.All.Count, OperationCatalog.All.Select(o => o.Info.ToolName).Distinct().Count());
        foreach (var op in OperationCatalog.All)
        {
            Assert.NotNull(SmctlJson.Default.GetTypeInfo(op.InputType));
            Assert.NotNull(SmctlJson.Default.GetTypeInfo(op.ResultType));
        }
    }

    [Fact]
    public void Front_end_only_commands_are_the_known_few()
    {
        var helpers = CliReference.Walk(SmctlApp.Build(Host))
            .Where(c => c.Command.Subcommands.Count == 0 && c.Command is SmctlCommand { Operation: null })
            .Select(c => c.Path).Order().ToList();
        // Terminal helpers, not capabilities: an assistant uses 'config set' rather than an editor.
        // serve is the MCP front end itself.
        Assert.Equal(["smctl completions", "smctl config edit", "smctl demo", "smctl serve"], helpers);
    }
}

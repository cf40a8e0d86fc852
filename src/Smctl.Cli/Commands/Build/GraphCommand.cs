using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Build;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Build;

/// <summary>smctl build graph (and build --graph): the dependency graph, as text or Graphviz dot.</summary>
public static class GraphCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var format = Format();
        return OperationCommand.Create(host, OperationCatalog.BuildGraph, "graph", (r, ui, p) => Render(r, ui, p.GetValue(format)!), view: [format])
            .WithExamples("smctl build graph", "smctl build graph --format dot | dot -Tsvg > deps.svg");
    }

    internal static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "Graph format: text or dot", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "dot");
        return format;
    }

    internal static void Render(BuildGraphResult graph, Ui ui, string format)
    {
        if (format == "dot")
        {
            ui.Out.Write(graph.Dot);
            return;
        }
        foreach (var n in graph.Nodes)
            ui.Line(n.DependsOn.Count == 0 ? n.Name : $"{n.Name} <- {string.Join(", ", n.DependsOn)}");
    }
}

using System.CommandLine;
using Smctl.Cli.Output;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Shared;

/// <summary>Builds the CLI face of a catalog operation: its options bind an input record, its renderer shows the result.</summary>
public static class OperationCommand
{
    public static SmctlCommand Create<TIn, TOut>(CliHost host, IOperation<TIn, TOut> op, string name,
        IEnumerable<Symbol> symbols, Func<ParseResult, TIn> bind, Action<TOut, Ui> render,
        Func<TOut, int>? exitCode = null, bool showProgress = false) =>
        Create(host, op, name, symbols, bind, (r, ui, _) => render(r, ui), exitCode, showProgress);

    /// <summary>As above, for renderers that read display-only flags from the command line.</summary>
    public static SmctlCommand Create<TIn, TOut>(CliHost host, IOperation<TIn, TOut> op, string name,
        IEnumerable<Symbol> symbols, Func<ParseResult, TIn> bind, Action<TOut, Ui, ParseResult> render,
        Func<TOut, int>? exitCode = null, bool showProgress = false, string? description = null,
        Func<ParseResult, Ui, Action<string, string, bool>?>? outputLine = null)
    {
        var command = new SmctlCommand(name, description ?? op.Info.Summary) { Operation = op };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a: command.Add(a); break;
                case Option o: command.Add(o); break;
            }
        }
        command.SetAction((p, ct) => CommandRuntime.RunAsync(p, host, op, bind, render, exitCode, showProgress, ct, outputLine));
        return command;
    }

    /// <summary>Splits "a,b" (and repeated options) into names.</summary>
    public static IReadOnlyList<string>? List(string[]? values) =>
        values is null || values.Length == 0 ? null
            : values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

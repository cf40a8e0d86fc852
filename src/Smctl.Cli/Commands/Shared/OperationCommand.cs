using System.CommandLine;
using System.Text.Json.Nodes;
using Smctl.Cli.Output;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Cli.Commands.Shared;

/// <summary>
/// Builds the CLI face of a catalog operation: its options come from the operation's input record (see
/// <see cref="InputOptions"/>), its renderer shows the result. A binder adds only rendering, examples and
/// view options (display switches such as --explain that never reach Core).
/// </summary>
public static class OperationCommand
{
    public static SmctlCommand Create<TIn, TOut>(CliHost host, IOperation<TIn, TOut> op, string name, Action<TOut, Ui> render,
        Func<TOut, int>? exitCode = null, bool showProgress = false) =>
        Create(host, op, name, (r, ui, _) => render(r, ui), exitCode, showProgress);

    /// <summary>As above, for renderers that read view options from the command line.</summary>
    /// <param name="view">Display-only options of this command (no input field).</param>
    /// <param name="presets">Input fields an alias fixes, as JSON: they are not offered as options.</param>
    public static SmctlCommand Create<TIn, TOut>(CliHost host, IOperation<TIn, TOut> op, string name, Action<TOut, Ui, ParseResult> render,
        Func<TOut, int>? exitCode = null, bool showProgress = false, string? description = null,
        Func<ParseResult, Ui, Action<string, string, bool>?>? outputLine = null, IReadOnlyList<Option>? view = null,
        IReadOnlyDictionary<string, JsonNode>? presets = null)
    {
        var command = new SmctlCommand(name, description ?? op.Info.Summary) { Operation = op };
        command.DeferInputs(() => new InputOptions(host, op.InputJson, presets));
        command.ViewOptions.AddRange(view ?? []);
        command.SetAction((p, ct) => CommandRuntime.RunAsync(p, host, op, q => Bind(op, command.Inputs!, q), render, exitCode, showProgress, ct, outputLine));
        return command;
    }

    /// <summary>The parsed command line as the operation's input, through the same reader as MCP arguments.</summary>
    private static TIn Bind<TIn, TOut>(IOperation<TIn, TOut> op, InputOptions inputs, ParseResult p) =>
        InputReader.Read(op.InputJson, inputs.Read(p), f => f.CliLabel);
}

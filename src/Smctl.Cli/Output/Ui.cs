using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Smctl.Cli.Output;

/// <summary>
/// The channels a command writes to: data on stdout; status, warnings and errors on stderr.
/// A terminal gets colour and tables; a pipe gets plain rows; --json gets only the JSON document.
/// </summary>
public sealed class Ui
{
    public required TextWriter Out { get; init; }
    public required TextWriter Err { get; init; }
    public bool Json { get; init; }
    public bool Quiet { get; init; }
    public int Verbosity { get; init; }
    public bool Color { get; init; }
    /// <summary>stdout is a terminal (tables and decoration) rather than a pipe (plain rows).</summary>
    public bool Interactive { get; init; }
    /// <summary>stderr is a terminal and stdin can answer: progress bars and prompts are possible.</summary>
    public bool CanPrompt { get; init; }

    private IAnsiConsole? _data;
    private IAnsiConsole? _status;

    public IAnsiConsole Data => _data ??= Console(Out);
    public IAnsiConsole Status => _status ??= Console(Err);

    private IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = Color ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        Interactive = CanPrompt ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    public static Ui FromEnvironment(bool json, bool quiet, int verbosity, bool noColor)
    {
        var stdoutTty = !System.Console.IsOutputRedirected;
        var stderrTty = !System.Console.IsErrorRedirected;
        var color = !noColor && stdoutTty && Environment.GetEnvironmentVariable("NO_COLOR") is not { Length: > 0 }
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new Ui
        {
            Out = System.Console.Out,
            Err = System.Console.Error,
            Json = json,
            Quiet = quiet,
            Verbosity = verbosity,
            Color = color,
            Interactive = stdoutTty,
            CanPrompt = stderrTty && !System.Console.IsInputRedirected,
        };
    }

    /// <summary>Writes a result record as the JSON document of --json.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => Out.WriteLine(Smctl.Core.Operations.OperationJson.Serialize(value, type));

    /// <summary>A line of data (stdout).</summary>
    public void Line(string text = "") => Out.WriteLine(text);

    /// <summary>A line of data with Spectre markup; plain when colour is off.</summary>
    public void MarkupLine(string markup)
    {
        if (Color) Data.MarkupLine(markup);
        else Out.WriteLine(Markup.Remove(markup));
    }

    /// <summary>Chatter about what is happening (stderr); -q silences it.</summary>
    public void Info(string text)
    {
        if (!Quiet && !Json) Err.WriteLine(text);
    }

    public void Verbose(int level, string text)
    {
        if (Verbosity >= level) Err.WriteLine(text);
    }

    public void Warning(string text) => Write(Err, "warning: ", "yellow", text);

    public void Error(string text) => Write(Err, "error: ", "red", text);

    public void Hint(string text) => Write(Err, "hint: ", "grey", text);

    private void Write(TextWriter writer, string label, string color, string text)
    {
        if (Color) Status.MarkupLine($"[{color}]{label}[/]{Markup.Escape(text)}");
        else writer.WriteLine(label + text);
    }

    /// <summary>A table: boxed on a terminal, aligned plain columns in a pipe.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var h in headers) table.AddColumn(new TableColumn($"[bold]{Markup.Escape(h)}[/]"));
            foreach (var row in list) table.AddRow(row.Select(c => c.Length == 0 ? Text.Empty : (Spectre.Console.Rendering.IRenderable)new Markup(c)).ToArray());
            Data.Write(table);
            return;
        }
        var plain = list.Select(r => r.Select(Markup.Remove).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, plain.Count == 0 ? 0 : plain.Max(r => r[i].Length))).ToList();
        Out.WriteLine(string.Join("  ", headers.Select((h, i) => h.ToUpperInvariant().PadRight(widths[i]))).TrimEnd());
        foreach (var row in plain)
            Out.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}

using System.CommandLine;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Shared;

/// <summary>A command with examples for its help text and, when it is the face of an operation, that operation.</summary>
public class SmctlCommand(string name, string description) : Command(name, description)
{
    public List<string> Examples { get; } = [];

    /// <summary>The catalog operation this command runs, or null for front-end helpers (completions, demo, config edit).</summary>
    public IOperation? Operation { get; init; }

    /// <summary>The options and arguments made from the operation's input record (null until <see cref="Materialize"/>).</summary>
    public InputOptions? Inputs { get; private set; }

    private Func<InputOptions>? _inputs;

    /// <summary>Makes the command's options from its input record only when asked: a run pays for its own command's alone.</summary>
    public void DeferInputs(Func<InputOptions> inputs) => _inputs = inputs;

    /// <summary>Adds the options and arguments of the input record (once).</summary>
    public void Materialize()
    {
        if (_inputs is null) return;
        Inputs = _inputs();
        _inputs = null;
        foreach (var symbol in Inputs.Symbols)
        {
            switch (symbol)
            {
                case Argument a: Add(a); break;
                case Option o: Add(o); break;
            }
        }
        foreach (var option in ViewOptions) Add(option);
    }

    /// <summary>Display switches of this command alone: they change how the result is shown, never the result (added with the inputs).</summary>
    public List<Option> ViewOptions { get; } = [];

    /// <summary>A second path to an operation that has its own command elsewhere (smctl flow abort = smctl abort).</summary>
    public bool IsAlias { get; set; }

    public SmctlCommand WithExamples(params string[] examples)
    {
        Examples.AddRange(examples);
        return this;
    }
}

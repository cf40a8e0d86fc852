using System.CommandLine;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Shared;

/// <summary>A command with examples for its help text and, when it is the face of an operation, that operation.</summary>
public class SmctlCommand(string name, string description) : Command(name, description)
{
    public List<string> Examples { get; } = [];

    /// <summary>The catalog operation this command runs, or null for front-end helpers (completions, demo, config edit).</summary>
    public IOperation? Operation { get; init; }

    /// <summary>The options and arguments made from the operation's input record.</summary>
    public InputOptions? Inputs { get; init; }

    /// <summary>Display switches of this command alone: they change how the result is shown, never the result.</summary>
    public List<Option> ViewOptions { get; } = [];

    /// <summary>A second path to an operation that has its own command elsewhere (smctl flow abort = smctl abort).</summary>
    public bool IsAlias { get; set; }

    public SmctlCommand WithExamples(params string[] examples)
    {
        Examples.AddRange(examples);
        return this;
    }
}

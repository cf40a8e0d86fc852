using Smctl.Core.Errors;

namespace Smctl.Core.Operations;

/// <summary>
/// A result that can report failed work without being an error (a build with a failed repo, an interrupted
/// run): the CLI turns it into its exit code, the MCP server into <c>isError</c>, with the result still shown.
/// </summary>
public interface IOutcome
{
    /// <summary>Null when everything succeeded.</summary>
    ErrorKind? FailureKind { get; }
}

public static class Outcome
{
    public static int ExitCode(object? result) => result is IOutcome { FailureKind: { } kind } ? kind.ExitCode() : 0;
}

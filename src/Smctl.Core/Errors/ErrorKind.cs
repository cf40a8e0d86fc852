namespace Smctl.Core.Errors;

/// <summary>What went wrong, in the categories users and scripts can act on; each maps to one exit code.</summary>
public enum ErrorKind
{
    General = 1,
    Usage = 2,
    Git = 3,
    Workspace = 4,
    SpecValidation = 5,
    Build = 6,
    Network = 7,
}

/// <summary>The exit codes of ARCHITECTURE.md and the MCP error codes of the seed, from one table.</summary>
public static class ErrorCodes
{
    public static int ExitCode(this ErrorKind kind) => (int)kind;

    public static int McpCode(this ErrorKind kind) => kind switch
    {
        ErrorKind.Workspace => -32001,
        ErrorKind.Git => -32002,
        ErrorKind.SpecValidation => -32003,
        ErrorKind.Build => -32004,
        ErrorKind.Network => -32005,
        _ => -32000,
    };
}

namespace Smctl.Core.Errors;

/// <summary>The one error smctl reports: a kind, one sentence, and optionally the repo and what to do.</summary>
public sealed class SmctlException(ErrorKind kind, string message, string? suggestion = null, string? repo = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;
    public string? Repo { get; } = repo;
    public string? Suggestion { get; } = suggestion;

    public ErrorInfo ToInfo() => new(Kind.McpCode(), Kind.ToString().ToLowerInvariant(), Message, Repo, Suggestion);

    public static SmctlException Usage(string message, string? suggestion = null) => new(ErrorKind.Usage, message, suggestion: suggestion);
    public static SmctlException Workspace(string message, string? suggestion = null) => new(ErrorKind.Workspace, message, suggestion: suggestion);
    public static SmctlException Git(string message, string? repo = null, string? suggestion = null) => new(ErrorKind.Git, message, suggestion, repo);

    /// <summary>
    /// The error a front end reports for an exception that escaped an operation: smctl's own (also from inside a
    /// parallel loop, which wraps it), or the file system's and libgit2's as general errors; null for anything else.
    /// </summary>
    public static SmctlException? Known(Exception e) => e switch
    {
        SmctlException s => s,
        AggregateException a => a.Flatten().InnerExceptions.Select(Known).FirstOrDefault(k => k is not null),
        IOException or UnauthorizedAccessException or LibGit2Sharp.LibGit2SharpException => new(ErrorKind.General, e.Message, inner: e),
        _ => null,
    };

    /// <summary>Set to 1 to see where an internal error happened.</summary>
    public const string BacktraceVariable = "SMCTL_BACKTRACE";

    /// <summary>
    /// A bug, reported as one error like any other (exit 1, JSON under --json) rather than a stack trace; the
    /// trace is kept for whoever sets <see cref="BacktraceVariable"/>.
    /// </summary>
    public static SmctlException Internal(Exception e) => new(ErrorKind.General, $"internal error: {e.GetType().Name}: {e.Message}",
        $"this is a bug in smctl: please report it with the command that caused it ({BacktraceVariable}=1 shows where it happened)", inner: e);
}

/// <summary>The error shape shared by <c>--json</c> output and MCP <c>isError</c> results.</summary>
public sealed record ErrorInfo(int Code, string Kind, string Message, string? Repo = null, string? Suggestion = null);

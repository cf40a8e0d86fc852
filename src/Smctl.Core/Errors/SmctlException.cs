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
}

/// <summary>The error shape shared by <c>--json</c> output and MCP <c>isError</c> results.</summary>
public sealed record ErrorInfo(int Code, string Kind, string Message, string? Repo = null, string? Suggestion = null);

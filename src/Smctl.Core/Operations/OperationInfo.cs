namespace Smctl.Core.Operations;

/// <summary>What an operation does to the world, for confirmation prompts and MCP annotations.</summary>
public enum OperationEffect
{
    /// <summary>Only reads.</summary>
    ReadOnly,
    /// <summary>Changes repos or files, nothing is lost.</summary>
    Mutating,
    /// <summary>Can delete work (files, branches): asks first, or needs --yes.</summary>
    Destructive,
}

/// <summary>The one declaration of a capability that both the CLI command and the MCP tool are derived from.</summary>
/// <param name="Name">Dotted name: "workspace.status"; the MCP tool is smctl_workspace_status, the command <c>smctl workspace status</c>.</param>
/// <param name="OpenWorld">Talks to something outside the workspace (a remote, a server).</param>
/// <param name="Idempotent">Running it twice with the same input has no further effect.</param>
public sealed record OperationInfo(string Name, string Summary, OperationEffect Effect, bool OpenWorld = false, bool Idempotent = false)
{
    public string ToolName => "smctl_" + Name.Replace('.', '_').Replace('-', '_');
    public string CommandPath => Name.Replace('.', ' ');
}

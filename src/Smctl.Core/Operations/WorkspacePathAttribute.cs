namespace Smctl.Core.Operations;

/// <summary>
/// Marks an input property that names a file or folder. Front ends that must keep to the workspace root
/// (the MCP server) check that it resolves inside it, symlinks followed.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WorkspacePathAttribute : Attribute
{
    /// <summary>The value may also be a remote url (https://, ssh://, git@host:path), which is not a path.</summary>
    public bool AllowUrl { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Mcp.Security;

/// <summary>
/// Keeps tool arguments inside the workspace root: every input property marked <see cref="WorkspacePathAttribute"/>
/// must resolve (symlinks followed) to the root or below it. The CLI may take paths from anywhere; an assistant may not.
/// </summary>
public sealed class WorkspaceGuard(string root)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    public void Check(JsonTypeInfo input, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        foreach (var field in InputField.Of(input))
        {
            if (field.WorkspacePath is not { } marker || !arguments.TryGetValue(field.JsonName, out var value) || value.ValueKind != JsonValueKind.String) continue;
            var text = value.GetString()!;
            if (marker.AllowUrl && IsRemoteUrl(text)) continue;
            var path = text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(text).LocalPath : text;
            if (!IsInside(path))
                throw new SmctlException(ErrorKind.Usage, $"'{field.JsonName}' points outside the workspace root {_root}: {text}",
                    "an MCP client may only name files and folders inside the workspace");
        }
    }

    /// <summary>True when <paramref name="path"/> (relative to the root) stays inside it, lexically and with every symlink that exists followed.</summary>
    public bool IsInside(string path)
    {
        var full = Path.GetFullPath(path, _root);
        return Core.IO.Paths.IsWithin(_root, full) && Core.IO.Paths.IsWithinReal(_root, full);
    }

    private static bool IsRemoteUrl(string text) =>
        (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git")
        || System.Text.RegularExpressions.Regex.IsMatch(text, @"^[\w.-]+@[\w.-]+:");
}

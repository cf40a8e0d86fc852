using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Errors;
using Smctl.Core.Operations;

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
        foreach (var property in input.Properties)
        {
            var marker = property.AttributeProvider?.GetCustomAttributes(typeof(WorkspacePathAttribute), false).OfType<WorkspacePathAttribute>().FirstOrDefault();
            if (marker is null || !arguments.TryGetValue(property.Name, out var value) || value.ValueKind != JsonValueKind.String) continue;
            var text = value.GetString()!;
            if (marker.AllowUrl && IsRemoteUrl(text)) continue;
            var path = text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(text).LocalPath : text;
            if (!IsInside(path))
                throw new SmctlException(ErrorKind.Usage, $"'{property.Name}' points outside the workspace root {_root}: {text}",
                    "an MCP client may only name files and folders inside the workspace");
        }
    }

    /// <summary>True when <paramref name="path"/> (relative to the root) stays inside it, following every symlink that exists.</summary>
    public bool IsInside(string path)
    {
        var full = Path.GetFullPath(path, _root);
        if (!Within(full)) return false;
        // Walk down from the root so a symlinked folder anywhere on the way is resolved.
        var current = _root;
        foreach (var part in Path.GetRelativePath(_root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (!info.Exists && !Directory.Exists(current)) break;
            if (info.LinkTarget is not null || new DirectoryInfo(current).LinkTarget is not null)
            {
                var target = (File.ResolveLinkTarget(current, returnFinalTarget: true) ?? Directory.ResolveLinkTarget(current, returnFinalTarget: true))?.FullName;
                if (target is null || !Within(Path.GetFullPath(target))) return false;
            }
        }
        return true;
    }

    private bool Within(string full) =>
        full == _root || full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsRemoteUrl(string text) =>
        (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git")
        || System.Text.RegularExpressions.Regex.IsMatch(text, @"^[\w.-]+@[\w.-]+:");
}

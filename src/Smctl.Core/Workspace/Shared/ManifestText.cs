using System.Text;
using Smctl.Core.Toml;

namespace Smctl.Core.Workspace.Shared;

/// <summary>The text smctl writes into manifests: a new workspace.toml and one <c>[[repos]]</c> entry.</summary>
public static class ManifestText
{
    public static string NewManifest(string name) => $"""
        # smctl workspace manifest: the repos of this workspace and how they are built.
        # Reference: the "workspace.toml reference" in smctl's README. Only a repo's name is required.

        [workspace]
        name = {TomlFile.Quote(name)}
        root = "."

        """;

    public static string RepoEntry(string name, string? url, string? path, string? branch, IReadOnlyList<string>? dependsOn,
        string? buildCmd, string? testCmd)
    {
        var sb = new StringBuilder();
        sb.Append("\n[[repos]]\n");
        sb.Append($"name = {TomlFile.Quote(name)}\n");
        if (url is not null) sb.Append($"url = {TomlFile.Quote(url)}\n");
        if (path is not null && path != name) sb.Append($"path = {TomlFile.Quote(path)}\n");
        if (branch is not null) sb.Append($"default_branch = {TomlFile.Quote(branch)}\n");
        if (dependsOn is { Count: > 0 }) sb.Append($"depends_on = {TomlFile.Literal(dependsOn)}\n");
        if (buildCmd is not null) sb.Append($"build_cmd = {TomlFile.Quote(buildCmd)}\n");
        if (testCmd is not null) sb.Append($"test_cmd = {TomlFile.Quote(testCmd)}\n");
        return sb.ToString();
    }
}

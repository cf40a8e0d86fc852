using Smctl.Core.Config.Shared;
using Smctl.Core.Flow.Shared;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Worktree.Shared;

/// <summary>Where worktree sets live: &lt;root&gt;/&lt;base_dir&gt;/&lt;kind&gt;-&lt;name&gt;/&lt;repo path&gt;.</summary>
public sealed class WorktreeLayout(Workspace.Shared.Workspace ws, Settings settings)
{
    /// <summary>The base folder, refused when it leaves the workspace root.</summary>
    public string BaseDir { get; } = ManifestReader.ResolveInside(ws.RootDir, settings.Text(ConfigKeys.WorktreeBaseDir), new ValueOrigin("worktree.base_dir"));

    public string SetDir(FlowKind kind, string name) => Path.Combine(BaseDir, $"{kind.ToString().ToLowerInvariant()}-{name}");

    public string FolderFor(string setDir, RepoEntry repo) => Path.Combine(setDir, repo.Path);

    /// <summary>The set a folder belongs to ("feature-x"), or null when it is not under the base folder.</summary>
    public string? SetOf(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!full.StartsWith(BaseDir + "/", StringComparison.Ordinal)) return null;
        return full[(BaseDir.Length + 1)..].Split('/')[0];
    }

    /// <summary>Finds the set folder of a name: of the given kind, or of whichever kind has one.</summary>
    public (FlowKind Kind, string Dir)? Find(string name, FlowKind? kind)
    {
        foreach (var k in kind is { } only ? [only] : Enum.GetValues<FlowKind>())
            if (Directory.Exists(SetDir(k, name))) return (k, SetDir(k, name));
        return null;
    }
}

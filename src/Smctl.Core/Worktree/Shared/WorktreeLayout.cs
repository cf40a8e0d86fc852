using Smctl.Core.Branches;
using Smctl.Core.Config.Shared;
using Smctl.Core.Git;
using Smctl.Core.Plans;
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

    /// <summary>The steps that give one repo its worktree in the set (shared with flow start --worktree); null after a problem.</summary>
    public List<Plans.Steps.Step>? StepsFor(RepoFacts f, FlowModel model, string set, FlowKind kind, string branch, string? from, Problems problems)
    {
        var folder = FolderFor(set, f.Repo);
        var holder = RepoReader.WorktreeOf(f.Repo.FullPath, branch);
        if (holder is not null && Path.GetFullPath(holder) == Path.GetFullPath(folder)) return [];
        if (holder is not null)
        {
            problems.Add(f.Repo.Name, $"{branch} is already checked out in {holder}" +
                (Path.GetFullPath(holder) == Path.GetFullPath(f.Repo.FullPath) ? $" (the repo's own checkout): switch it to another branch first" : ""));
            return null;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            problems.Add(f.Repo.Name, $"{folder} exists and is not one of its worktrees");
            return null;
        }
        if (f.Local(branch) is not null || f.Remote(branch) is not null) return [new Plans.Steps.WorktreeAdd(folder, branch)];
        var baseBranch = from ?? model.Base(kind);
        var start = f.UpToDateTip(baseBranch, problems, takeRemoteWhenBehind: true);
        if (start is null) { problems.Add(f.Repo.Name, $"has no {baseBranch} branch to start {branch} from"); return null; }
        return [new Plans.Steps.WorktreeAdd(folder, branch, start)];
    }
}

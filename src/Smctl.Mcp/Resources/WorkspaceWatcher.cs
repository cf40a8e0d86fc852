using Microsoft.Extensions.Logging;
using Smctl.Core.Errors;
using Smctl.Mcp.Hosting;

namespace Smctl.Mcp.Resources;

/// <summary>
/// Watches what the resources are made of: each repo's HEAD, index and refs, its work tree (edits change what
/// status counts as modified or untracked), and .smctl/ (the manifest, run state, build results). Bursts of file
/// events (a commit writes several files, a build many) are debounced into one notification per changed resource.
/// </summary>
public sealed class WorkspaceWatcher(ServeSettings settings, Subscriptions subscriptions, ILogger logger) : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private readonly object _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private WorkspaceChange _pending;
    private Timer? _timer;
    private bool _started;

    /// <summary>Starts watching (once): servers nobody subscribes to never pay for it.</summary>
    public void EnsureStarted()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
            _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
            Watch();
        }
    }

    private void Watch()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
        Core.Workspace.Shared.Workspace workspace;
        try
        {
            workspace = settings.NewContext(dryRun: false).RequireWorkspace();
        }
        catch (SmctlException e)
        {
            logger.LogWarning("not watching: {Error}", e.Message);
            return;
        }
        Add(workspace.SmctlDir, "*", recursive: true, path => Path.GetFileName(path) switch
        {
            "workspace.toml" => WorkspaceChange.Manifest,
            "run.json" or "last-run.json" => WorkspaceChange.Run,
            "verify.json" or "last-build.json" => WorkspaceChange.Build,
            _ => WorkspaceChange.None,
        });
        foreach (var root in Core.Spec.Shared.SpecRoots.Find(settings.NewContext(dryRun: false), workspace))
            Add(root.Path, "*", recursive: true, _ => WorkspaceChange.Spec);
        foreach (var repo in workspace.Repos)
        {
            var gitDir = Path.Combine(repo.FullPath, ".git");
            if (!Directory.Exists(gitDir)) continue;
            // Not recursive over .git: objects/ alone would cost hundreds of inotify watches per repo.
            Add(gitDir, "*", recursive: false, path => Path.GetFileName(path) is "HEAD" or "index" or "packed-refs" or "MERGE_HEAD" or "REBASE_HEAD"
                ? WorkspaceChange.Repos : WorkspaceChange.None);
            Add(Path.Combine(gitDir, "refs"), "*", recursive: true, _ => WorkspaceChange.Repos);
        }
        // Work trees last (they cost an inotify watch per folder, and a limit reached should cost only them): the
        // top level without .git, and each top-level folder but .git in full, so .git/objects is never watched.
        foreach (var repo in workspace.Repos.Where(r => Directory.Exists(Path.Combine(r.FullPath, ".git"))))
        {
            Add(repo.FullPath, "*", recursive: false, path => Path.GetFileName(path) == ".git" ? WorkspaceChange.None : WorkspaceChange.WorkTree);
            foreach (var folder in Directory.EnumerateDirectories(repo.FullPath).Where(d => Path.GetFileName(d) != ".git"))
                Add(folder, "*", recursive: true, _ => WorkspaceChange.WorkTree);
        }
    }

    private void Add(string folder, string filter, bool recursive, Func<string, WorkspaceChange> classify)
    {
        if (!Directory.Exists(folder)) return;
        var watcher = new FileSystemWatcher(folder, filter)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName | NotifyFilters.Size,
        };
        FileSystemEventHandler onChange = (_, e) => Changed(classify(e.FullPath));
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        // git writes files by renaming a .lock over them: the new name is what counts.
        watcher.Renamed += (_, e) => Changed(classify(e.FullPath));
        watcher.Error += (_, e) => logger.LogWarning("file watching failed in {Folder}: {Error}", folder, e.GetException().Message);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Changed(WorkspaceChange change)
    {
        if (change == WorkspaceChange.None) return;
        lock (_gate)
        {
            _pending |= change;
            _timer?.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        WorkspaceChange change;
        lock (_gate)
        {
            change = _pending;
            _pending = WorkspaceChange.None;
            // A changed manifest may name other repos: watch those.
            if (change.HasFlag(WorkspaceChange.Manifest)) Watch();
        }
        var uris = ResourceCatalog.Entries.Where(e => (e.ChangesWith & change) != 0).Select(e => e.Uri).ToList();
        if (change.HasFlag(WorkspaceChange.Spec))
            uris.AddRange(subscriptions.Subscribed().Where(u => u.StartsWith(ResourceCatalog.SpecPrefix, StringComparison.Ordinal)));
        if (uris.Count > 0) subscriptions.Updated(uris).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            foreach (var watcher in _watchers) watcher.Dispose();
            _watchers.Clear();
        }
    }
}

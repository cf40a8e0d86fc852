using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Operations;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecListInput
{
    [Description("List the archived changes instead")]
    public bool Archived { get; init; }
}

/// <param name="Name">The change id, or repo:id when the same id is in two roots.</param>
/// <param name="Status">no-tasks, in-progress or complete, as 'openspec list' says.</param>
/// <param name="Repo">The repo holding the change's OpenSpec root (none for a root outside every repo).</param>
/// <param name="Branches">Per repo the change concerns: whether its branch exists there.</param>
public sealed record SpecChange(string Name, string Id, int CompletedTasks, int TotalTasks, DateTimeOffset LastModified, string Status,
    string Root, string? Repo, string? Branch, IReadOnlyDictionary<string, bool>? Branches);

public sealed record SpecListResult(IReadOnlyList<SpecChange> Changes, IReadOnlyList<string> Roots);

/// <summary>Every change across the workspace's OpenSpec roots, with tasks done/total as OpenSpec counts them, and their branches.</summary>
public sealed class SpecList : IOperation<SpecListInput, SpecListResult>
{
    public OperationInfo Info { get; } = new("spec.list",
        "List the OpenSpec changes of every root (like 'openspec list --json') with the repo holding each and its branch per repo.",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<SpecListInput> InputJson => SmctlJson.Default.SpecListInput;
    public JsonTypeInfo<SpecListResult> ResultJson => SmctlJson.Default.SpecListResult;

    public Task<SpecListResult> RunAsync(SmctlContext context, SpecListInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var roots = SpecRoots.Require(context, ws);
        var found = new List<(SpecRoot Root, string Dir)>();
        foreach (var root in roots)
        {
            var folder = input.Archived ? Path.Combine(root.ChangesDir, "archive") : root.ChangesDir;
            if (!Directory.Exists(folder)) continue;
            foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (name.StartsWith('.') || (!input.Archived && name == "archive")) continue;
                found.Add((root, dir));
            }
        }
        var ambiguous = found.GroupBy(f => Path.GetFileName(f.Dir)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var changes = found.Select(f =>
        {
            var id = Path.GetFileName(f.Dir);
            var tasksFile = Path.Combine(f.Dir, "tasks.md");
            var tasks = File.Exists(tasksFile) ? TaskList.Parse(File.ReadAllText(tasksFile)) : [];
            var done = tasks.Count(t => t.Done);
            var meta = ChangeMeta.Read(f.Dir);
            var branches = meta?.Branch is { } branch
                ? meta.Repos.Where(r => ws.Repos.Any(x => x.Name == r)).ToDictionary(r => r, r => Git.RepoReader.Resolve(ws.Repo(r).FullPath, $"refs/heads/{branch}") is not null)
                : null;
            return new SpecChange(ambiguous.Contains(id) && f.Root.Repo is not null ? $"{f.Root.Repo}:{id}" : id, id, done, tasks.Count,
                LastModified(f.Dir), tasks.Count == 0 ? "no-tasks" : done == tasks.Count ? "complete" : "in-progress",
                f.Root.Path, f.Root.Repo, meta?.Branch, branches);
        }).ToList();
        return Task.FromResult(new SpecListResult(changes, [.. roots.Select(r => r.Path)]));
    }

    private static DateTimeOffset LastModified(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(Directory.GetLastWriteTimeUtc(dir)).Max();
}

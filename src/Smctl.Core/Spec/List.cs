using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
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
        "List the OpenSpec changes of every root (as openspec does) with their repo and branches.",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<SpecListInput> InputJson => SmctlJson.Default.SpecListInput;
    public JsonTypeInfo<SpecListResult> ResultJson => SmctlJson.Default.SpecListResult;

    public Task<SpecListResult> RunAsync(SmctlContext context, SpecListInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var roots = SpecRoots.Require(context, ws);
        var changes = ChangeLocator.Active(roots, input.Archived).Select(c =>
        {
            var tasksFile = Path.Combine(c.Dir, "tasks.md");
            var tasks = File.Exists(tasksFile) ? TaskList.Parse(File.ReadAllText(tasksFile)) : [];
            var done = tasks.Count(t => t.Done);
            var meta = ChangeMeta.Read(c.Dir);
            var branches = meta?.Branch is null ? null : meta.BranchTips(ws).ToDictionary(b => b.Repo, b => b.Tip is not null);
            return new SpecChange(c.Name, c.Id, done, tasks.Count, LastModified(c.Dir), tasks.Count == 0 ? "no-tasks" : done == tasks.Count ? "complete" : "in-progress",
                c.Root.Path, c.Root.Repo, meta?.Branch, branches);
        }).ToList();
        return Task.FromResult(new SpecListResult(changes, [.. roots.Select(r => r.Path)]));
    }

    private static DateTimeOffset LastModified(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(Directory.GetLastWriteTimeUtc(dir)).Max();
}

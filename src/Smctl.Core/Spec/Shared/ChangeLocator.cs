using Smctl.Core.Errors;

namespace Smctl.Core.Spec.Shared;

/// <summary>An active change: its id, the root holding it, and its folder.</summary>
public sealed record ChangeRef(string Id, SpecRoot Root, string Dir)
{
    /// <summary>id, or repo:id when the same id is in another root too.</summary>
    public string Name { get; init; } = Id;
}

/// <summary>Finds a change by <c>id</c> or <c>repo:id</c> across the roots; without a name, the only active change.</summary>
public static class ChangeLocator
{
    /// <summary>The changes of every root (with <paramref name="archived"/>, those under changes/archive/ instead).</summary>
    public static IReadOnlyList<ChangeRef> Active(IReadOnlyList<SpecRoot> roots, bool archived = false)
    {
        string Folder(SpecRoot root) => archived ? Path.Combine(root.ChangesDir, "archive") : root.ChangesDir;
        var found = roots.SelectMany(root => Directory.Exists(Folder(root))
            ? Directory.EnumerateDirectories(Folder(root)).Order(StringComparer.Ordinal)
                .Where(d => Path.GetFileName(d) is var n && (archived || n != "archive") && !n.StartsWith('.'))
                .Select(d => new ChangeRef(Path.GetFileName(d), root, d))
            : []).ToList();
        var ambiguous = found.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return [.. found.Select(c => ambiguous.Contains(c.Id) && c.Root.Repo is not null ? c with { Name = $"{c.Root.Repo}:{c.Id}" } : c)];
    }

    public static ChangeRef Find(IReadOnlyList<SpecRoot> roots, string? name)
    {
        var active = Active(roots);
        if (name is null)
        {
            return active.Count == 1 ? active[0]
                : throw new SmctlException(ErrorKind.Usage, active.Count == 0 ? "there are no active changes" : $"there are {active.Count} active changes: say which",
                    active.Count == 0 ? "start one with 'smctl spec new <id>'" : "one of: " + string.Join(", ", active.Select(c => c.Name)));
        }
        var (repo, id) = name.Contains(':') ? (name[..name.IndexOf(':')], name[(name.IndexOf(':') + 1)..]) : ((string?)null, name);
        var matches = active.Where(c => c.Id == id && (repo is null || c.Root.Repo == repo)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new SmctlException(ErrorKind.Usage, $"no active change '{name}'",
                active.Count == 0 ? "start one with 'smctl spec new <id>'" : "active changes: " + string.Join(", ", active.Select(c => c.Name))),
            _ => throw new SmctlException(ErrorKind.Usage, $"'{id}' is a change in {matches.Count} roots: name it repo:id",
                "one of: " + string.Join(", ", matches.Select(c => c.Name))),
        };
    }
}

namespace Smctl.Core.Workspace.Shared;

/// <summary>Graph questions about repos' depends_on.</summary>
public static class DependencyGraph
{
    /// <summary>A cycle as a path that ends where it starts (a -> b -> a), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<RepoEntry> repos)
    {
        var deps = repos.ToDictionary(r => r.Name, r => r.DependsOn);
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        var path = new List<string>();
        foreach (var repo in repos)
            if (Visit(repo.Name) is { } cycle) return cycle;
        return null;

        List<string>? Visit(string name)
        {
            if (state.GetValueOrDefault(name) == 2) return null;
            if (state.GetValueOrDefault(name) == 1)
            {
                var start = path.IndexOf(name);
                return [.. path.Skip(start), name];
            }
            state[name] = 1;
            path.Add(name);
            foreach (var dep in deps.GetValueOrDefault(name) ?? [])
                if (Visit(dep) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }
    }
}

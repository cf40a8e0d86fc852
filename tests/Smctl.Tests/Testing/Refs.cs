namespace Smctl.Tests.Testing;

/// <summary>Every ref of a workspace's clones and their bare remotes, for "the repos are exactly as …" assertions.</summary>
public static class Refs
{
    public static SortedDictionary<string, string> Of(WorkspaceFixture ws, params string[] repos)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var repo in repos)
        {
            Add(all, $"{repo}:", ws.Repo(repo), "refs/heads", "refs/tags");
            Add(all, $"{repo}@origin:", ws.RemotePath(repo), "refs/heads", "refs/tags");
            all[$"{repo}:HEAD"] = Git.TryRun(ws.Repo(repo), "symbolic-ref", "--short", "HEAD").Stdout.Trim();
        }
        return all;
    }

    private static void Add(SortedDictionary<string, string> all, string prefix, string dir, params string[] patterns)
    {
        foreach (var line in Git.Run(dir, ["for-each-ref", "--format=%(refname) %(objectname)", .. patterns]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            all[prefix + parts[0]] = parts[1];
        }
    }

    public static string Diff(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual) =>
        string.Join('\n', expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: expected {expected.GetValueOrDefault(k) ?? "(none)"}, got {actual.GetValueOrDefault(k) ?? "(none)"}"));
}

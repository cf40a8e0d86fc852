using System.Text.Json;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Build.Shared;

/// <summary>
/// How long each repo's build last took when it really ran (.smctl/cache/durations.json), so the scheduler can start
/// first the repos on the longest remaining path. A repo never built counts as the median of the known ones.
/// </summary>
public sealed class BuildDurations(string smctlDir)
{
    public string File { get; } = SmctlLayout.BuildDurationsFile(smctlDir);

    public Dictionary<string, long> Read()
    {
        if (!System.IO.File.Exists(File)) return [];
        try { return JsonSerializer.Deserialize(System.IO.File.ReadAllText(File), BuildStateJson.Default.DictionaryStringInt64) ?? []; }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return []; }
    }

    /// <summary>Keeps the durations of the repos that were built this time (cached ones say nothing about build time).</summary>
    public void Record(IEnumerable<RepoBuildResult> results)
    {
        var known = Read();
        foreach (var r in results.Where(r => r.Status == BuildOutcome.Built)) known[r.Name] = r.DurationMs;
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        IO.AtomicFile.WriteAllText(File, JsonSerializer.Serialize(known, BuildStateJson.Default.DictionaryStringInt64), durable: false);
    }

    /// <summary>
    /// The repos in the order a ready one should start: longest remaining path first (its own time plus its longest
    /// chain of dependents), then more dependents, then manifest order. Critical-path list scheduling.
    /// </summary>
    public static List<RepoEntry> Priority(IReadOnlyList<RepoEntry> repos, IReadOnlyDictionary<string, long> durations)
    {
        var known = repos.Where(r => durations.ContainsKey(r.Name)).Select(r => durations[r.Name]).Order().ToList();
        var unknown = known.Count == 0 ? 1000 : known[known.Count / 2];
        var names = repos.Select(r => r.Name).ToHashSet();
        var dependents = repos.ToDictionary(r => r.Name, r => repos.Where(x => x.DependsOn.Contains(r.Name)).Select(x => x.Name).ToList());
        var path = new Dictionary<string, long>();
        long Remaining(string name)
        {
            if (path.TryGetValue(name, out var done)) return done;
            var longest = dependents[name].Select(Remaining).DefaultIfEmpty(0).Max();
            return path[name] = durations.GetValueOrDefault(name, unknown) + longest;
        }
        var all = new Dictionary<string, int>();
        int AllDependents(string name)
        {
            if (all.TryGetValue(name, out var n)) return n;
            var seen = new HashSet<string>();
            var queue = new Queue<string>([name]);
            while (queue.Count > 0) foreach (var d in dependents[queue.Dequeue()]) if (seen.Add(d)) queue.Enqueue(d);
            return all[name] = seen.Count;
        }
        var index = repos.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return [.. repos.OrderByDescending(r => Remaining(r.Name)).ThenByDescending(r => AllDependents(r.Name)).ThenBy(r => index[r.Name])];
    }
}

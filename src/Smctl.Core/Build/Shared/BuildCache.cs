using System.Text.Json;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Build.Shared;

/// <summary>What the cache remembers of a repo: its successful keys (newest first) and the parts of the last key built.</summary>
public sealed record BuildCacheEntry(List<string> Successes, BuildKeyParts? Last);

/// <summary>.smctl/cache/build/&lt;repo&gt;.json: successes only, never a failed or interrupted build.</summary>
public sealed class BuildCache(string smctlDir)
{
    private const int Kept = 20;
    public string Dir { get; } = SmctlLayout.BuildCacheDir(smctlDir);

    public BuildCacheEntry Read(string repo)
    {
        var path = Path.Combine(Dir, repo + ".json");
        if (!File.Exists(path)) return new BuildCacheEntry([], null);
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), BuildStateJson.Default.BuildCacheEntry) ?? new([], null); }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return new BuildCacheEntry([], null); } // a damaged cache only costs a rebuild
    }

    public void RecordSuccess(string repo, BuildKeyParts parts)
    {
        var entry = Read(repo);
        var successes = new List<string> { parts.Key };
        successes.AddRange(entry.Successes.Where(k => k != parts.Key).Take(Kept - 1));
        Directory.CreateDirectory(Dir);
        IO.AtomicFile.WriteAllText(Path.Combine(Dir, repo + ".json"), JsonSerializer.Serialize(new BuildCacheEntry(successes, parts), BuildStateJson.Default.BuildCacheEntry), durable: false);
    }

    public int Clear()
    {
        if (!Directory.Exists(Dir)) return 0;
        var files = Directory.GetFiles(Dir, "*.json");
        foreach (var f in files) File.Delete(f);
        return files.Length;
    }
}

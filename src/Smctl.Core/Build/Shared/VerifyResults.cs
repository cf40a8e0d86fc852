using System.Text.Json;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Build.Shared;

/// <summary>The latest verify_cmd result of a repo.</summary>
public sealed record VerifyResult(string Repo, bool Ok, int ExitCode, DateTimeOffset At, string Key);

/// <summary>.smctl/cache/verify.json: the latest verification result per repo (for 'build status' and assistants).</summary>
public sealed class VerifyResults(string smctlDir)
{
    private readonly object _gate = new();
    public string File { get; } = SmctlLayout.VerifyResultsFile(smctlDir);

    public IReadOnlyList<VerifyResult> All()
    {
        if (!System.IO.File.Exists(File)) return [];
        try { return JsonSerializer.Deserialize(System.IO.File.ReadAllText(File), BuildStateJson.Default.ListVerifyResult) ?? []; }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return []; }
    }

    public void Record(string repo, bool ok, int exitCode, string key)
    {
        lock (_gate)
        {
            var all = All().Where(r => r.Repo != repo).Append(new VerifyResult(repo, ok, exitCode, DateTimeOffset.UtcNow, key)).OrderBy(r => r.Repo, StringComparer.Ordinal).ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            IO.AtomicFile.WriteAllText(File, JsonSerializer.Serialize(all, BuildStateJson.Default.ListVerifyResult));
        }
    }
}

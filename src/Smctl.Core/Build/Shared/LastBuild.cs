using System.Text.Json;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Build.Shared;

/// <summary>.smctl/cache/last-build.json: the summary of the latest build, for 'build status' and assistants.</summary>
public sealed class LastBuild(string smctlDir)
{
    public string File { get; } = SmctlLayout.LastBuildFile(smctlDir);

    public BuildResult? Read()
    {
        if (!System.IO.File.Exists(File)) return null;
        try
        {
            var result = JsonSerializer.Deserialize(System.IO.File.ReadAllText(File), BuildStateJson.Default.BuildResult);
            return result?.Repos.Any(r => r is null) == false ? result : null; // an empty entry: as damaged as a bad field
        }
        catch (Exception e) when (e is JsonException or NotSupportedException) { return null; }
    }

    public void Write(BuildResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        IO.AtomicFile.WriteAllText(File, JsonSerializer.Serialize(result, BuildStateJson.Default.BuildResult), durable: false);
    }
}

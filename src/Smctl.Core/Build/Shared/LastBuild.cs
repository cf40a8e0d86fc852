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
        try { return JsonSerializer.Deserialize(System.IO.File.ReadAllText(File), BuildStateJson.Default.BuildResult); }
        catch (JsonException) { return null; }
    }

    public void Write(BuildResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        IO.AtomicFile.WriteAllText(File, JsonSerializer.Serialize(result, BuildStateJson.Default.BuildResult), durable: false);
    }
}

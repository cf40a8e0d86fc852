namespace Smctl.Core.Spec.Shared;

/// <summary>An artifact of the spec-driven schema and where it stands: done (written), ready (what it needs is done) or blocked.</summary>
public sealed record ArtifactState(string Id, string OutputPath, string Status, IReadOnlyList<string> Requires);

/// <summary>OpenSpec's spec-driven artifact order: proposal, then specs and design, then tasks; states as 'openspec status' reports them.</summary>
public static class Artifacts
{
    private static readonly (string Id, string Output, string[] Requires)[] SpecDriven =
    [
        ("proposal", "proposal.md", []),
        ("specs", "specs/**/*.md", ["proposal"]),
        ("design", "design.md", ["proposal"]),
        ("tasks", "tasks.md", ["specs", "design"]),
    ];

    public static IReadOnlyList<ArtifactState> Of(string changeDir)
    {
        var done = SpecDriven.Where(a => Exists(changeDir, a.Output)).Select(a => a.Id).ToHashSet();
        return [.. SpecDriven.Select(a => new ArtifactState(a.Id, a.Output,
            done.Contains(a.Id) ? "done" : a.Requires.All(done.Contains) ? "ready" : "blocked", a.Requires))];
    }

    private static bool Exists(string changeDir, string output) => output == "specs/**/*.md"
        ? Directory.Exists(Path.Combine(changeDir, "specs")) && Directory.EnumerateFiles(Path.Combine(changeDir, "specs"), "*.md", SearchOption.AllDirectories).Any()
        : File.Exists(Path.Combine(changeDir, output));
}

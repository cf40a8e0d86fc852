using Smctl.Core.Git;
using Smctl.Core.Toml;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// smctl's metadata of a change, in <c>.smctl.toml</c> beside OpenSpec's <c>.openspec.yaml</c> so it travels with the
/// change: the repos it concerns, its branch, and its safety class. The openspec CLI ignores the file.
/// </summary>
public sealed record ChangeMeta(IReadOnlyList<string> Repos, string? Branch, string? Safety)
{
    public const string FileName = ".smctl.toml";

    public static ChangeMeta? Read(string changeDir)
    {
        var path = Path.Combine(changeDir, FileName);
        if (!File.Exists(path)) return null;
        var entries = TomlFile.Load(path, Errors.ErrorKind.SpecValidation).Entries().Where(e => e.Table.Length == 0).ToDictionary(e => e.Key, e => e.Value);
        var repos = entries.GetValueOrDefault("repos") is IEnumerable<object?> list ? list.OfType<string>().ToList() : [];
        return new ChangeMeta(repos, entries.GetValueOrDefault("branch") as string, entries.GetValueOrDefault("safety") as string);
    }

    /// <summary>Each linked repo of the workspace and the tip of the change's branch there (null when it is not there).</summary>
    public IReadOnlyList<(string Repo, string Path, string? Tip)> BranchTips(Workspace.Shared.Workspace ws) => Branch is null ? []
        : [.. Repos.Where(r => ws.Repos.Any(x => x.Name == r)).Select(r => (r, ws.Repo(r).FullPath, Git.RepoReader.Resolve(ws.Repo(r).FullPath, GitRefs.Branch(Branch))))];

    public string ToToml() =>
        "# smctl's metadata for this change (the openspec CLI ignores this file)\n"
        + $"repos = [{string.Join(", ", Repos.Select(TomlFile.Quote))}]\n"
        + (Branch is null ? "" : $"branch = {TomlFile.Quote(Branch)}\n")
        + (Safety is null ? "" : $"safety = {TomlFile.Quote(Safety)}\n");
}

using System.Security.Cryptography;
using Smctl.Tests.Flow;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Spec;

/// <summary>
/// kill -9 of the process group during 'spec archive' (specs written, the change moved, the commit, then the finish's
/// merges and push): continue ends as an uninterrupted archive, abort as the start — the change folder with its
/// uncommitted tick and untracked note, byte for byte.
/// </summary>
public sealed class SpecArchiveKillTests : ProcessGroupKillTests
{
    protected override string[] Command => ["spec", "archive", "add-logout", "--yes"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        await SpecArchiveRun.PrepareAsync(ws);
        CommitMany(ws, "x", "feature work everywhere");
        SpecArchiveRun.LeaveUncommitted(ws);
    }

    protected override void AddState(WorkspaceFixture ws, SortedDictionary<string, string> state) => SpecArchiveRun.AddFiles(ws, state);
}

/// <summary>A workspace whose repo a holds an OpenSpec tree with the change add-logout on feature/add-logout in every repo.</summary>
public static class SpecArchiveRun
{
    public static string OpenspecDir(WorkspaceFixture ws) => Path.Combine(ws.Repo("a"), "openspec");

    public static async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        Testing.Git.Run(ws.Repo("a"), "switch", "-q", "develop");
        SpecCorpus.Write(OpenspecDir(ws), ["add-logout"]);
        Testing.Git.Run(ws.Repo("a"), "add", "-A");
        Testing.Git.Run(ws.Repo("a"), "commit", "-q", "-m", "specs and the change");
        Testing.Git.Run(ws.Repo("a"), "push", "-q", "origin", "develop");
        Assert.Equal(0, (await ws.Smctl("flow", "feature", "start", "add-logout")).ExitCode);
    }

    /// <summary>A task ticked and a note added, neither committed: the archive commits them, abort must give them back.</summary>
    public static void LeaveUncommitted(WorkspaceFixture ws)
    {
        var change = Path.Combine(OpenspecDir(ws), "changes", "add-logout");
        File.AppendAllText(Path.Combine(change, "tasks.md"), "- [x] 1.2 Ticked, not committed @ann\n");
        File.WriteAllText(Path.Combine(change, "notes.txt"), "untracked note\n");
    }

    /// <summary>Every file of the OpenSpec tree by its content's hash.</summary>
    public static void AddFiles(WorkspaceFixture ws, SortedDictionary<string, string> state)
    {
        var root = OpenspecDir(ws);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            state[$"a:{Path.GetRelativePath(root, file)}"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
    }
}

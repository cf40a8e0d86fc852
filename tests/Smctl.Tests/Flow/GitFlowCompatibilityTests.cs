using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// AVH git-flow (Debian's git-flow) and smctl, on identical single-repo histories, end with the same branches,
/// tags and merge structure. Both read the gitflow.* keys that 'smctl flow init' writes.
/// </summary>
public sealed class GitFlowCompatibilityTests
{
    private static (int Code, string Out) GitFlow(string repo, params string[] args)
    {
        var (code, stdout, stderr) = Testing.Git.TryRun(repo, ["flow", .. args]);
        return (code, stdout + stderr);
    }

    /// <summary>Each commit of the branches as its tree and its parents' trees: the history's shape, independent of messages.</summary>
    private static string Shape(string repo)
    {
        var trees = Testing.Git.Run(repo, "log", "--all", "--format=%H %T").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        var lines = new List<string>();
        foreach (var branch in new[] { "main", "develop" })
            foreach (var line in Testing.Git.Run(repo, "log", "--topo-order", "--format=%H %P", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var ids = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                lines.Add($"{branch}: {trees[ids[0]]} <- {string.Join(" + ", ids.Skip(1).Select(p => trees[p]))}");
            }
        var branches = Testing.Git.Run(repo, "for-each-ref", "--format=%(refname)", "refs/heads").Trim();
        var tags = Testing.Git.Run(repo, "for-each-ref", "--format=%(refname) %(objecttype) %(objectname) %(*objectname)", "refs/tags").Trim()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => { var p = t.Split(' '); return $"{p[0]} {p[1]} {trees[p[3].Length > 0 ? p[3] : p[2]]}"; });
        return $"branches:\n{branches}\ntags:\n{string.Join('\n', tags)}\nhistory:\n{string.Join('\n', lines)}";
    }

    private static void Work(string repo, string file)
    {
        Testing.Git.Commit(repo, file, "one\n", $"{file} one");
        Testing.Git.Commit(repo, file, "two\n", $"{file} two");
    }

    [Fact]
    public async Task Feature_release_and_hotfix_end_like_git_flow()
    {
        if (Testing.Git.TryRun(Path.GetTempPath(), "flow", "version").Code != 0)
            Assert.Fail("AVH git-flow is not installed: ./test.sh installs the Debian package git-flow");
        using var avh = new WorkspaceFixture("r");
        using var ours = new WorkspaceFixture("r");
        foreach (var ws in new[] { avh, ours })
        {
            Assert.Equal(0, (await ws.Smctl("flow", "init", "--no-push")).ExitCode);
            Testing.Git.Run(ws.Repo("r"), "config", "gitflow.path.hooks", Path.Combine(ws.Repo("r"), ".git", "hooks"));
        }
        var a = avh.Repo("r");
        var o = ours.Repo("r");
        Assert.Equal(0, GitFlow(a, "init", "-d").Code);

        Assert.Equal(0, GitFlow(a, "feature", "start", "login").Code);
        Work(a, "login.txt");
        Assert.True(GitFlow(a, "feature", "finish", "login") is { Code: 0 }, GitFlow(a, "feature", "list").Out);

        Assert.Equal(0, (await ours.Smctl("flow", "feature", "start", "login", "--no-push", "--no-fetch")).ExitCode);
        Work(o, "login.txt");
        Assert.Equal(0, (await ours.Smctl("flow", "feature", "finish", "login", "--no-push", "--no-fetch")).ExitCode);

        var avhRelease = GitFlow(a, "release", "start", "1.0.0");
        Assert.True(avhRelease.Code == 0, avhRelease.Out);
        Testing.Git.Commit(a, "VERSION", "1.0.0\n", "version 1.0.0");
        var avhFinish = GitFlow(a, "release", "finish", "-m", "Release 1.0.0", "1.0.0");
        Assert.True(avhFinish.Code == 0, avhFinish.Out);

        Assert.Equal(0, (await ours.Smctl("flow", "release", "start", "1.0.0", "--no-push", "--no-fetch")).ExitCode);
        Testing.Git.Commit(o, "VERSION", "1.0.0\n", "version 1.0.0");
        // --no-changelog: otherwise smctl commits a CHANGELOG.md section on the release branch first, which AVH does not.
        Assert.Equal(0, (await ours.Smctl("flow", "release", "finish", "1.0.0", "--no-push", "--no-fetch", "-m", "Release 1.0.0", "--no-changelog")).ExitCode);

        Assert.Equal(0, GitFlow(a, "hotfix", "start", "1.0.1").Code);
        Testing.Git.Commit(a, "FIX", "fix\n", "the fix");
        Assert.Equal(0, GitFlow(a, "hotfix", "finish", "-m", "Release 1.0.1", "1.0.1").Code);

        Assert.Equal(0, (await ours.Smctl("flow", "hotfix", "start", "--no-push", "--no-fetch")).ExitCode);
        Testing.Git.Commit(o, "FIX", "fix\n", "the fix");
        Assert.Equal(0, (await ours.Smctl("flow", "hotfix", "finish", "1.0.1", "--no-push", "--no-fetch", "-m", "Release 1.0.1")).ExitCode);

        Assert.Equal(Shape(a), Shape(o));
        Assert.Equal(Testing.Git.Run(a, "branch", "--show-current"), Testing.Git.Run(o, "branch", "--show-current"));
    }
}

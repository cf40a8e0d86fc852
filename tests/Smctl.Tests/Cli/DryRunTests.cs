using System.Security.Cryptography;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>
/// A dry run cannot act: every operation that takes --dry-run runs with it in a populated workspace (repos with
/// remotes, a started feature, a finished run to undo, a saved plan, an OpenSpec change, a build history, a
/// user config, a live gateway), and nothing may change: no work-tree file, no ref of a repo or of its remote,
/// nothing under .smctl/, no user config, no model or route of the gateway.
/// </summary>
public sealed class DryRunTests : IAsyncLifetime
{
    private PopulatedWorkspace _populated = null!;
    private WorkspaceFixture _ws = null!;
    private string _planId = "";

    public async ValueTask InitializeAsync()
    {
        _populated = await PopulatedWorkspace.CreateAsync();
        _ws = _populated.Ws;
        _planId = _populated.PlanId;
    }

    public ValueTask DisposeAsync() => _populated.DisposeAsync();

    /// <summary>The command line of each operation's dry run, by operation name.</summary>
    private Dictionary<string, string[]> Cases() => new()
    {
        ["workspace.init"] = ["workspace", "init"],
        ["workspace.add"] = ["workspace", "add", _ws.RemoteUrl("alpha"), "--name", "again"],
        ["workspace.remove"] = ["workspace", "remove", "beta", "--delete-files", "--force"],
        ["workspace.sync"] = ["workspace", "sync", "--rebase"],
        ["workspace.checkout"] = ["workspace", "checkout", "main", "--repos", "docs"],
        ["exec"] = ["exec", "--", "touch executed"],
        ["config.set"] = ["config", "set", "user.email", "other@example.com", "--scope", "user"],
        ["flow.init"] = ["flow", "init"],
        ["flow.feature.start"] = ["flow", "feature", "start", "f2", "--repos", "alpha,beta"],
        ["flow.feature.finish"] = ["flow", "feature", "finish", "f1"],
        ["flow.feature.update"] = ["flow", "feature", "update", "f1"],
        ["flow.feature.propose"] = ["flow", "feature", "propose", "f1"],
        ["flow.release.start"] = ["flow", "release", "start", "1.0.0", "--repos", "alpha"],
        ["flow.release.finish"] = ["flow", "release", "finish", "0.9.0"],
        ["flow.hotfix.start"] = ["flow", "hotfix", "start", "--repos", "alpha"],
        ["flow.hotfix.finish"] = ["flow", "hotfix", "finish", "0.0.1"],
        ["continue"] = ["continue"],
        ["skip"] = ["skip"],
        ["abort"] = ["abort"],
        ["undo"] = ["undo"],
        ["plan.apply"] = ["plan", "apply", _planId],
        ["worktree.add"] = ["worktree", "add", "f3", "--repos", "alpha"],
        ["worktree.remove"] = ["worktree", "remove", "wt1"],
        ["worktree.prune"] = ["worktree", "prune"],
        ["build"] = ["build", "--test"],
        ["build.clean-cache"] = ["build", "clean-cache"],
        ["mcp.config"] = ["mcp", "config", "--client", "claude", "--write"],
        ["spec.new"] = ["spec", "new", "add-search", "--repos", "alpha"],
        ["spec.ff"] = ["spec", "ff", "add-login"],
        ["spec.apply"] = ["spec", "apply", "add-login", "--done", "1"],
        ["spec.archive"] = ["spec", "archive", "add-login", "--no-validate"],
        ["gate.models.add"] = ["gate", "models", "add", "model.onnx", "--name", "added"],
        ["gate.models.remove"] = ["gate", "models", "remove", "add"],
        ["gate.routes.set"] = ["gate", "routes", "set", "add", "1"],
        ["gate.routes.remove"] = ["gate", "routes", "remove", "add"],
    };

    [Fact]
    public async Task Every_dry_run_changes_nothing()
    {
        var cases = Cases();
        var mutating = OperationCatalog.All.Where(o => o.Info.Effect != OperationEffect.ReadOnly).Select(o => o.Info.Name).Order().ToList();
        Assert.Equal(mutating, cases.Keys.Order().ToList());

        var before = Snapshot();
        var refused = new List<string>();
        foreach (var (name, args) in cases)
        {
            var run = await _ws.Smctl(["--dry-run", "--yes", .. args]);
            if (run.ExitCode != 0) refused.Add(name + ": " + run.Stderr.Split('\n')[0]);
            // A refusal is fine (nothing to continue, a version not above the last): acting is not.
            Assert.False(run.Stderr.Contains("internal error") || run.Stderr.Contains("Unhandled"), $"smctl {string.Join(' ', args)} --dry-run\n{run}");
            var after = Snapshot();
            var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => kv.Key)
                .Concat(before.Keys.Where(k => !after.ContainsKey(k))).ToList();
            Assert.True(changed.Count == 0, $"'smctl {string.Join(' ', args)} --dry-run' changed {string.Join(", ", changed.Take(10))}\n{run}");
        }
        // Only these have nothing to act on here, and say so; every other dry run really planned its work.
        Assert.True(refused.Select(r => r[..r.IndexOf(':')]).SequenceEqual(["continue", "skip", "abort"]), string.Join("\n", refused));
    }

    [Fact]
    public async Task Build_and_exec_dry_runs_report_what_they_would_run_and_succeed()
    {
        var build = await _ws.SmctlOk("build", "--no-cache", "--test", "--dry-run", "--json");
        var alpha = build.Json.GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "alpha");
        Assert.Equal("would-build", alpha.GetProperty("status").GetString());
        Assert.Equal(2, alpha.GetProperty("commands").GetArrayLength());
        Assert.True(build.Json.GetProperty("dryRun").GetBoolean());

        await _ws.SmctlOk("build");
        var cached = await _ws.SmctlOk("build", "--dry-run", "--json");
        Assert.All(cached.Json.GetProperty("repos").EnumerateArray(), r => Assert.Equal("cached", r.GetProperty("status").GetString()));

        var exec = await _ws.SmctlOk("exec", "--dry-run", "--", "touch executed");
        Assert.Contains("would run in alpha", exec.Stdout);
        Assert.False(File.Exists(Path.Combine(_ws.Repo("alpha"), "executed")));
    }

    /// <summary>Every file below the test's root (work trees, .git folders, remotes, .smctl, the user config) and the gateway's models, by content.</summary>
    private Dictionary<string, string> Snapshot()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in new[] { _ws.Root, _populated.ModelsDir })
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(root, file);
                // Merge checks write unreferenced objects (merge-tree, commit-tree), which no ref reaches and gc drops:
                // what a user sees of a repo is its refs, config, HEAD, index and work tree, all compared here.
                if (rel.Contains($"{Path.DirectorySeparatorChar}objects{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                files[root == _ws.Root ? rel : "models/" + rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            }
        return files;
    }
}

using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Config;

/// <summary>
/// The manifest and the user config are the user's files, and several smctl processes (a person, an assistant, a
/// script) write them at once: no value is lost, an edit made during a long command stays, links and modes survive.
/// </summary>
public sealed class ConcurrentWriteTests : IDisposable
{
    private static readonly string[] Keys =
        ["flow.main_branch", "flow.develop_branch", "flow.feature_prefix", "flow.release_prefix", "flow.hotfix_prefix", "flow.tag_prefix", "worktree.base_dir", "spec.formal_kinds"];

    private readonly WorkspaceFixture _ws = new("core");

    public void Dispose() => _ws.Dispose();

    private Dictionary<string, string> Env(string? gitConfig = null)
    {
        var env = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };
        if (gitConfig is not null) env["GIT_CONFIG_GLOBAL"] = gitConfig;
        return env;
    }

    [Fact]
    public async Task Config_sets_from_many_processes_at_once_keep_every_value()
    {
        for (var round = 0; round < 2; round++)
        {
            var runs = await Task.WhenAll(Keys.Select((key, i) => Task.Run(() => SmctlProcess.Run(_ws.Ws, Env(), "config", "set", key, $"v{round}-{i}"))));
            Assert.All(runs, r => Assert.True(r.Code == 0, r.Stderr));
            var text = File.ReadAllText(_ws.Manifest);
            for (var i = 0; i < Keys.Length; i++)
                Assert.Equal($"v{round}-{i}", (await _ws.SmctlOk("config", "get", Keys[i])).Stdout.Trim());
            Assert.Contains("name = \"core\"", text);
        }
    }

    [Fact]
    public async Task A_symlinked_user_config_stays_a_link_and_files_keep_their_permissions()
    {
        var dotfiles = Path.Combine(_ws.Root, "dotfiles");
        Directory.CreateDirectory(dotfiles);
        var target = Path.Combine(dotfiles, "smctl.toml");
        File.WriteAllText(target, "# mine\n[flow]\ntag_prefix = \"old-\"\n");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = Path.Combine(_ws.UserConfigHome, "smctl", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        File.SetUnixFileMode(_ws.Manifest, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        await _ws.SmctlOk("config", "set", "flow.tag_prefix", "new-", "--scope", "user");
        await _ws.SmctlOk("config", "set", "flow.main_branch", "trunk");

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("# mine\n[flow]\ntag_prefix = \"new-\"\n", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_ws.Manifest));
        Assert.Contains("main_branch = \"trunk\"", File.ReadAllText(_ws.Manifest));
        // The locks leave nothing for git to see: none in the dotfiles folder, the manifest's among smctl's own state.
        Assert.Equal([target], Directory.GetFiles(dotfiles));
        Assert.Equal([_ws.Manifest], Directory.GetFiles(Path.GetDirectoryName(_ws.Manifest)!).Where(f => !f.EndsWith(".gitignore", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A git config (the tests' own, plus a hook) under which every clone from a local remote first appends
    /// <paramref name="printfText"/> to the manifest: an edit that lands while 'workspace add' clones, every time.
    /// </summary>
    private string WithPackObjectsHook(string printfText)
    {
        var hook = Path.Combine(_ws.Root, "pack-objects-hook");
        File.WriteAllText(hook, $"#!/bin/sh\nprintf '{printfText}' >> '{_ws.Manifest}'\nexec \"$@\"\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var gitConfig = Path.Combine(_ws.Root, "gitconfig-with-hook");
        File.WriteAllText(gitConfig, $"[include]\n\tpath = {Environment.GetEnvironmentVariable("GIT_CONFIG_GLOBAL")}\n[uploadpack]\n\tpackObjectsHook = {hook}\n");
        return gitConfig;
    }

    /// <summary>
    /// The edit is made by the remote's pack-objects hook, so it lands while the clone runs, every time: before the
    /// fix, 'workspace add' wrote back the manifest it had read before cloning and the edit was gone.
    /// </summary>
    [Fact]
    public async Task An_edit_saved_while_workspace_add_clones_is_kept()
    {
        _ws.CreateRemote("api");
        var gitConfig = WithPackObjectsHook("\\n[flow]\\ntag_prefix = \"edited-\"\\n");

        var add = SmctlProcess.Run(_ws.Ws, Env(gitConfig), "workspace", "add", _ws.RemoteUrl("api"));
        Assert.True(add.Code == 0, add.Stderr);
        var text = File.ReadAllText(_ws.Manifest);
        Assert.Contains("tag_prefix = \"edited-\"", text);
        Assert.Contains("name = \"api\"", text);
        Assert.Equal("edited-", (await _ws.SmctlOk("config", "get", "flow.tag_prefix")).Stdout.Trim());
    }

    /// <summary>The same hook adds the very repo meanwhile: the fresh manifest refuses the second entry, and the clone goes.</summary>
    [Fact]
    public void A_repo_of_the_same_name_added_during_the_clone_refuses_the_add_and_removes_its_clone()
    {
        _ws.CreateRemote("api");
        var gitConfig = WithPackObjectsHook("\\n[[repos]]\\nname = \"api\"\\npath = \"elsewhere\"\\n");
        var add = SmctlProcess.Run(_ws.Ws, Env(gitConfig), "workspace", "add", _ws.RemoteUrl("api"));
        Assert.Equal(4, add.Code);
        Assert.Contains("api", add.Stderr);
        Assert.False(Directory.Exists(_ws.Repo("api")));
        Assert.Single(File.ReadAllText(_ws.Manifest).Split("name = \"api\"").Skip(1));
    }
}

namespace Smctl.Tests.Testing;

/// <summary>
/// A workspace of real repos: each has a bare remote in remotes/, a clone under ws/ with main and develop
/// pushed, and ws/.smctl/workspace.toml listing them.
/// </summary>
public sealed class WorkspaceFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public string Root => _dir.Path;
    public string Ws => _dir["ws"];
    public string Remotes => _dir["remotes"];
    public string Manifest => Path.Combine(Ws, ".smctl", "workspace.toml");
    public string UserConfigHome => _dir["xdg"];

    public WorkspaceFixture(params string[] repos)
    {
        Directory.CreateDirectory(Ws);
        Directory.CreateDirectory(Remotes);
        Directory.CreateDirectory(UserConfigHome);
        var manifest = "# test workspace\n[workspace]\nname = \"test\"\n";
        foreach (var name in repos)
        {
            CreateRemote(name);
            Git.Run(Ws, "clone", "-q", RemoteUrl(name), name);
            manifest += $"\n[[repos]]\nname = \"{name}\"\nurl = \"{RemoteUrl(name)}\"\n";
        }
        Directory.CreateDirectory(Path.Combine(Ws, ".smctl"));
        File.WriteAllText(Manifest, manifest);
    }

    public string Repo(string name) => Path.Combine(Ws, name);
    public string RemotePath(string name) => Path.Combine(Remotes, name + ".git");
    public string RemoteUrl(string name) => "file://" + RemotePath(name);

    /// <summary>A bare remote with two commits on main and one more on develop.</summary>
    public string CreateRemote(string name)
    {
        var bare = RemotePath(name);
        Git.Run(Root, "init", "-q", "--bare", "--initial-branch=main", bare);
        var seed = Path.Combine(Root, "seed-" + name);
        Git.Run(Root, "clone", "-q", bare, seed);
        Git.Run(seed, "checkout", "-q", "-B", "main");
        Git.Commit(seed, "README.md", $"# {name}\n", "initial");
        Git.Commit(seed, "src/a.txt", "a\n", "add a");
        Git.Run(seed, "push", "-q", "origin", "main");
        Git.Run(seed, "checkout", "-q", "-b", "develop");
        Git.Commit(seed, "DEVELOP.md", "develop\n", "start develop");
        Git.Run(seed, "push", "-q", "origin", "develop");
        Directory.Delete(seed, recursive: true);
        return bare;
    }

    /// <summary>Pushes a new commit to the remote's branch from a scratch clone (a teammate's work).</summary>
    public void PushFromElsewhere(string name, string branch, string file, string content)
    {
        var scratch = Path.Combine(Root, "scratch-" + Guid.NewGuid().ToString("N")[..6]);
        Git.Run(Root, "clone", "-q", "--branch", branch, RemoteUrl(name), scratch);
        Git.Commit(scratch, file, content, "teammate: " + file);
        Git.Run(scratch, "push", "-q", "origin", branch);
        Directory.Delete(scratch, recursive: true);
    }

    public Task<CliRun> Smctl(params string[] args) => CliRun.RunAsync(Ws, args, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = UserConfigHome });

    /// <summary>Runs smctl and fails the test, showing both streams, unless it exits 0.</summary>
    public async Task<CliRun> SmctlOk(params string[] args)
    {
        var run = await Smctl(args);
        Xunit.Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    public Task<CliRun> SmctlWithEnv(Dictionary<string, string?> env, params string[] args)
    {
        var all = new Dictionary<string, string?>(env) { ["XDG_CONFIG_HOME"] = UserConfigHome };
        return CliRun.RunAsync(Ws, args, all);
    }

    public void Dispose() => _dir.Dispose();
}

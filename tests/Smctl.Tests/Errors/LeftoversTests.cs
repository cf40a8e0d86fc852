using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Errors;

/// <summary>Scratch files and folders a killed smctl left (named with its process id) are removed by the next one; a live process's never.</summary>
public sealed class LeftoversTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("core");

    public void Dispose() => _ws.Dispose();

    /// <summary>A process id no process has now.</summary>
    private static int DeadPid()
    {
        for (var pid = 4_000_000; ; pid--)
            if (!Directory.Exists($"/proc/{pid}")) return pid;
    }

    [Fact]
    public async Task A_killed_writer_s_temp_file_goes_with_the_next_write_and_a_live_one_s_stays()
    {
        var dir = Path.GetDirectoryName(_ws.Manifest)!;
        var dead = Path.Combine(dir, $".workspace.toml.{DeadPid()}.0123abcd.tmp");
        var live = Path.Combine(dir, $".workspace.toml.{Environment.ProcessId}.4567ef.tmp");
        File.WriteAllText(dead, "half a manifest");
        File.WriteAllText(live, "being written");
        await _ws.SmctlOk("config", "set", "flow.tag_prefix", "r");
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task A_killed_clone_s_folder_goes_with_the_next_clone_into_that_place()
    {
        _ws.CreateRemote("api");
        var dead = Path.Combine(_ws.Ws, $".api.smctl-clone-{DeadPid()}-0123abcd");
        Directory.CreateDirectory(Path.Combine(dead, ".git"));
        await _ws.SmctlOk("workspace", "add", _ws.RemoteUrl("api"));
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(Path.Combine(_ws.Repo("api"), ".git")));
    }

    [Fact]
    public async Task A_killed_release_s_scratch_index_goes_with_the_next_release_commit()
    {
        var dead = Path.Combine(Path.GetTempPath(), $"smctl-commit-{DeadPid()}-0123abcd");
        var diff = Path.Combine(Path.GetTempPath(), $"smctl-diff-{DeadPid()}-0123abcd");
        Directory.CreateDirectory(dead);
        Directory.CreateDirectory(diff);
        File.WriteAllText(Path.Combine(dead, "index"), "");
        await _ws.SmctlOk("flow", "init");
        Testing.Git.Run(_ws.Repo("core"), "switch", "-q", "develop");
        Testing.Git.Commit(_ws.Repo("core"), "f.txt", "f", "feat: f");
        await _ws.SmctlOk("flow", "release", "start", "0.1.0");
        Testing.Git.Run(_ws.Repo("core"), "switch", "-q", "develop");
        await _ws.SmctlOk("flow", "release", "finish", "0.1.0");
        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(diff));
    }
}

using System.Diagnostics;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Errors;

/// <summary>
/// A real full disk: repo a lives on a small tmpfs of its own (mounting needs root; elsewhere the test is skipped),
/// filled up before a feature finish whose merge writes a large file there. The run stops with one error that says
/// why, and once space is freed, continue finishes it exactly as a run on a roomy disk would.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b");
    private string? _mounted;

    public void Dispose()
    {
        if (_mounted is not null) Run("umount", "-l", _mounted);
        _ws.Dispose();
    }

    private static int Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }

    /// <summary>Moves the folder <paramref name="dir"/> onto a tmpfs of <paramref name="megabytes"/> MB mounted where it was.</summary>
    private void PutOnSmallDisk(string dir, int megabytes)
    {
        Directory.CreateDirectory(dir);
        var aside = dir + ".aside";
        Directory.Move(dir, aside);
        Directory.CreateDirectory(dir);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", dir) != 0)
        {
            Directory.Delete(dir);
            Directory.Move(aside, dir);
            Assert.Skip("mounting a tmpfs needs root (CAP_SYS_ADMIN) on this machine");
        }
        _mounted = dir;
        Assert.Equal(0, Run("cp", "-a", aside + "/.", dir));
        Directory.Delete(aside, recursive: true);
    }

    [Fact]
    public async Task A_merge_that_fills_the_disk_stops_with_its_cause_and_continue_finishes_once_there_is_room()
    {
        await _ws.SmctlOk("flow", "init");
        await _ws.SmctlOk("flow", "feature", "start", "x");
        foreach (var repo in new[] { "a", "b" })
        {
            // Random bytes: git cannot compress them, so the merge must write all 3 MB into the work tree.
            var big = new byte[3 << 20];
            new Random(7).NextBytes(big);
            File.WriteAllBytes(Path.Combine(_ws.Repo(repo), "big.bin"), big);
            Testing.Git.Run(_ws.Repo(repo), "add", "big.bin");
            Testing.Git.Run(_ws.Repo(repo), "commit", "-q", "-m", "feat: big");
            Testing.Git.Run(_ws.Repo(repo), "switch", "-q", "develop");
        }
        PutOnSmallDisk(_ws.Repo("a"), 16);
        var filler = Path.Combine(_ws.Repo("a"), "filler");
        File.WriteAllBytes(filler, new byte[(16 << 20) - (1 << 20) - (int)DirectorySize(_ws.Repo("a"))]);

        var run = await _ws.Smctl("flow", "feature", "finish", "x");
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stdout + run.Stderr);
        Assert.True(run.Stdout.Contains("Out of diskspace", StringComparison.Ordinal) || run.Stdout.Contains("No space left on device", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("conflicts", run.Stdout);

        File.Delete(filler);
        var resumed = await _ws.Smctl("continue");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        foreach (var repo in new[] { "a", "b" })
        {
            var parents = Testing.Git.Run(_ws.Repo(repo), "log", "-1", "--format=%P", "develop").Trim().Split(' ');
            Assert.Equal(2, parents.Length);
            Assert.Equal("", Testing.Git.Run(_ws.Repo(repo), "status", "--porcelain"));
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Head(_ws.RemotePath(repo), "develop"));
        }
    }

    [Fact]
    public async Task A_full_disk_under_the_run_state_stops_the_run_with_one_error_and_abort_puts_it_back()
    {
        await _ws.SmctlOk("flow", "init");
        var start = Refs.Of(_ws, "a", "b");
        var state = Path.Combine(_ws.Ws, ".smctl", "state");
        PutOnSmallDisk(state, 1);
        var filler = Path.Combine(state, "filler");
        try { File.WriteAllBytes(filler, new byte[2 << 20]); }
        catch (IOException) { } // filled to the last byte, as wanted

        var run = await _ws.Smctl("flow", "feature", "start", "x");
        Assert.True(run.ExitCode is > 0 and <= 8, run.ToString());
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
        Assert.DoesNotContain("internal error", run.Stdout + run.Stderr);
        Assert.True(run.Stderr.Contains("space", StringComparison.OrdinalIgnoreCase), run.ToString());

        File.Delete(filler);
        if (File.Exists(Path.Combine(state, "run.json"))) await _ws.SmctlOk("abort", "--yes");
        Assert.Equal("", Refs.Diff(start, Refs.Of(_ws, "a", "b")));
    }

    private static long DirectorySize(string dir) => new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) + (256 << 10);
}

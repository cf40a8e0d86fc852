using System.Diagnostics;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>
/// The NativeAOT executable (built by test.sh, path in AOT_SMCTL_BINARY) starts and reads repos exactly as
/// the managed build does: trimming must not lose a code path.
/// </summary>
public sealed class AotBinaryTests : IDisposable
{
    private static readonly string? Binary = Environment.GetEnvironmentVariable("AOT_SMCTL_BINARY");
    private readonly WorkspaceFixture _ws = new("ahead", "behind", "dirty", "detached");

    public void Dispose() => _ws.Dispose();

    private static (int Code, string Stdout, string Stderr) Run(string cwd, params string[] args)
    {
        if (Binary is null) Assert.Skip("AOT_SMCTL_BINARY is not set: run ./test.sh, which publishes the NativeAOT build first");
        Assert.True(File.Exists(Binary), $"AOT_SMCTL_BINARY points at {Binary}, which does not exist");
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Version_runs()
    {
        var (code, stdout, _) = Run(_ws.Ws, "--version");
        Assert.Equal(0, code);
        Assert.StartsWith(typeof(Smctl.Cli.SmctlApp).Assembly.GetName().Version!.ToString(3), stdout);
    }

    [Fact]
    public async Task Workspace_status_json_is_identical_to_the_managed_build()
    {
        Testing.Git.Commit(_ws.Repo("ahead"), "mine.txt", "x", "local");
        _ws.PushFromElsewhere("behind", "main", "theirs.txt", "y");
        Testing.Git.Run(_ws.Repo("behind"), "fetch", "-q");
        File.WriteAllText(Path.Combine(_ws.Repo("dirty"), "new.txt"), "z");
        File.AppendAllText(Path.Combine(_ws.Repo("dirty"), "README.md"), "edit");
        Testing.Git.Run(_ws.Repo("detached"), "checkout", "-q", "--detach", "HEAD~1");

        var (code, stdout, stderr) = Run(_ws.Ws, "workspace", "status", "--json");
        Assert.True(code == 0, stderr);
        var managed = await _ws.Smctl("workspace", "status", "--json");
        Assert.Equal(managed.Stdout, stdout);
        Assert.Contains("\"upstream\": \"origin/main\"", stdout);
        Assert.Contains("\"behind\": 1", stdout);

        var table = Run(_ws.Ws, "workspace", "status");
        Assert.Equal(0, table.Code);
        Assert.Contains("origin/main ↑1", table.Stdout);
    }

    [Fact]
    public void Errors_keep_their_exit_codes()
    {
        using var empty = new TempDir();
        Assert.Equal(4, Run(empty.Path, "workspace", "status").Code);
        Assert.Equal(2, Run(empty.Path, "workspace", "frobnicate").Code);
    }
}

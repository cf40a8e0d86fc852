using System.Net;
using System.Net.Sockets;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Workspace;

/// <summary>Remotes that hang or that are not remotes at all: a clear failure for that repo, in time, and every other repo's result.</summary>
public sealed class RemoteFaultTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b", "c");
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public RemoteFaultTests()
    {
        _silent.Start();
        _ = AcceptForeverAsync();
    }

    /// <summary>Accepts every connection and never says a word, as a wedged server or a black-holing proxy does.</summary>
    private async Task AcceptForeverAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _silent.AcceptSocketAsync();
                lock (_accepted) _accepted.Add(socket);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    private int Port => ((IPEndPoint)_silent.LocalEndpoint).Port;

    public void Dispose()
    {
        _silent.Stop();
        lock (_accepted) foreach (var s in _accepted) s.Dispose();
        _ws.Dispose();
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task A_remote_that_never_answers_fails_its_repo_after_the_network_timeout_and_the_others_are_reported(string scheme)
    {
        Testing.Git.Run(_ws.Repo("b"), "remote", "set-url", "origin", $"{scheme}://127.0.0.1:{Port}/b.git");
        var env = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = _ws.UserConfigHome, ["SMCTL_CORE_NETWORK_TIMEOUT"] = "2" };
        var sync = _ws.SmctlWithEnv(env, "workspace", "sync", "--json");
        // Before: the fetch waited for git's own 600 s limit, and then the other repos' results were lost.
        Assert.Same(sync, await Task.WhenAny(sync, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)));
        var run = await sync;
        Assert.Equal(3, run.ExitCode);
        var repos = run.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["a", "b", "c"], repos.Keys.Order());
        Assert.Contains("no progress for 2 s", repos["b"].GetProperty("error").GetString());
        Assert.Equal("up-to-date", repos["a"].GetProperty("action").GetString());
        Assert.Equal("up-to-date", repos["c"].GetProperty("action").GetString());
    }

    [Fact]
    public void Transports_that_run_commands_are_refused_even_when_the_environment_allows_them()
    {
        var marker = Path.Combine(_ws.Root, "ran");
        var env = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = _ws.UserConfigHome, ["GIT_ALLOW_PROTOCOL"] = "ext:fd:file" };
        var ext = SmctlProcess.Run(_ws.Ws, env, "workspace", "add", $"ext::sh -c touch% {marker}", "--name", "x");
        Assert.Equal(3, ext.Code);
        Assert.Contains("transport 'ext' not allowed", ext.Stderr);
        Assert.False(File.Exists(marker));
        var fd = SmctlProcess.Run(_ws.Ws, env, "workspace", "add", "fd::0", "--name", "y");
        Assert.Equal(3, fd.Code);
        Assert.Contains("transport 'fd' not allowed", fd.Stderr);
    }

    [Fact]
    public async Task A_failed_clone_says_git_s_fatal_line_not_its_first()
    {
        var run = await _ws.Smctl("workspace", "add", "file://" + Path.Combine(_ws.Root, "nowhere.git"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("does not appear to be a git repository", run.Stderr);
        Assert.DoesNotContain("Cloning into", run.Stderr);
    }
}

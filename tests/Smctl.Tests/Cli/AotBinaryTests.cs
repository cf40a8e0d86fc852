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

    [Fact]
    public async Task Serves_mcp_over_stdio_and_over_http_through_its_companion()
    {
        if (Binary is null) Assert.Skip("AOT_SMCTL_BINARY is not set: run ./test.sh, which publishes the NativeAOT build first");
        var ct = TestContext.Current.CancellationToken;
        await using (var stdio = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.StdioClientTransport(
            new() { Command = Binary, Arguments = ["serve", "--mcp", "--stdio"], WorkingDirectory = _ws.Ws }), cancellationToken: ct))
        {
            var result = await stdio.CallToolAsync("smctl_workspace_status", cancellationToken: ct);
            var managed = await _ws.Smctl("workspace", "status", "--json");
            // The same JSON as the managed CLI's --json, on one line.
            var text = ((ModelContextProtocol.Protocol.TextContentBlock)result.Content[0]).Text;
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(managed.Stdout), System.Text.Json.Nodes.JsonNode.Parse(text)), text);
            Assert.DoesNotContain('\n', text);
        }

        var psi = new ProcessStartInfo(Binary) { RedirectStandardError = true, WorkingDirectory = _ws.Ws };
        foreach (var a in new[] { "serve", "--mcp", "--http", "--port", "0", "--toolsets", "all" }) psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        try
        {
            var line = await server.StandardError.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
            Assert.StartsWith("smctl MCP server listening on http://127.0.0.1:", line);
            var url = new Uri(line!.Split(' ')[5]);
            await using var http = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(new() { Endpoint = url }), cancellationToken: ct);
            var tools = await http.ListToolsAsync(cancellationToken: ct);
            // --toolsets reaches the companion: every tool, and no smctl_toolset_enable since nothing is left to add.
            Assert.Equal(Smctl.Core.Catalog.OperationCatalog.All.Count, tools.Count);
            var resource = await http.ReadResourceAsync("smctl://workspace/status", cancellationToken: ct);
            Assert.Contains("\"ahead\"", ((ModelContextProtocol.Protocol.TextResourceContents)resource.Contents[0]).Text);

            // Stopped as a service manager stops it: SIGTERM reaches the companion too, and both end cleanly.
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) await term.WaitForExitAsync(ct);
            await server.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }
}

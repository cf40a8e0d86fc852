using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Smctl.Mcp.Http;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

/// <summary>Resources, subscriptions (both protocol revisions), prompts, and the stdio transport.</summary>
public sealed class McpResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Resources_are_listed_with_mime_types_and_read_as_their_tools_answer()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var resources = await client.ListResourcesAsync(cancellationToken: Ct);
        Assert.Equal("application/toml", resources.Single(r => r.Uri == "smctl://workspace/config").MimeType);
        foreach (var uri in new[] { "smctl://workspace/status", "smctl://worktree/list", "smctl://flow/branches", "smctl://flow/run", "smctl://build/verify", "smctl://build/last", "smctl://spec/list" })
            Assert.Equal("application/json", resources.Single(r => r.Uri == uri).MimeType);

        var config = await client.ReadResourceAsync("smctl://workspace/config", cancellationToken: Ct);
        Assert.Equal(File.ReadAllText(ws.Manifest), ((TextResourceContents)config.Contents[0]).Text);
        var status = await client.ReadResourceAsync("smctl://workspace/status", cancellationToken: Ct);
        var tool = await client.CallToolAsync("smctl_workspace_status", cancellationToken: Ct);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(((TextResourceContents)status.Contents[0]).Text), JsonNode.Parse(tool.StructuredContent!.Value.GetRawText())));

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync("smctl://nope", cancellationToken: Ct));
        Assert.Contains("Unknown resource", unknown.Message);

        // The server's instructions point at the run resource: before any run it says so as data, then it is the run.
        var none = JsonNode.Parse(((TextResourceContents)(await client.ReadResourceAsync("smctl://flow/run", cancellationToken: Ct)).Contents[0]).Text)!;
        Assert.Equal("none", none["phase"]!.GetValue<string>());
        await ws.SmctlOk("flow", "init");
        var run = JsonNode.Parse(((TextResourceContents)(await client.ReadResourceAsync("smctl://flow/run", cancellationToken: Ct)).Contents[0]).Text)!;
        Assert.Equal("completed", run["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gate_resources_read_the_configured_gateway_and_its_tools_answer_alike()
    {
        using var ws = new WorkspaceFixture("alpha");
        using var models = new TempDir();
        ModelGate.Tests.Testing.OnnxModels.WriteTo(models.Path, "add", "1", ModelGate.Tests.Testing.OnnxModels.Add());
        await using var gateway = await ModelGate.Hosting.Gateway.StartAsync(new ModelGate.Hosting.GatewayOptions { ModelsDir = models.Path, Urls = "http://127.0.0.1:0" }, Ct);
        File.AppendAllText(ws.Manifest, $"\n[gate]\ninstances = [\"{gateway.BaseAddress.ToString().TrimEnd('/')}\"]\n");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var resources = await client.ListResourcesAsync(cancellationToken: Ct);
        Assert.Equal("application/json", resources.Single(r => r.Uri == "smctl://gate/models").MimeType);
        var read = await client.ReadResourceAsync("smctl://gate/models", cancellationToken: Ct);
        var listed = JsonNode.Parse(((TextResourceContents)read.Contents[0]).Text)!;
        Assert.Equal("add", (string)listed["models"]![0]!["name"]!);
        var routes = await client.ReadResourceAsync("smctl://gate/routes", cancellationToken: Ct);
        Assert.Empty(JsonNode.Parse(((TextResourceContents)routes.Contents[0]).Text)!["routes"]!.AsArray());

        var tool = await client.CallToolAsync("smctl_gate_status", cancellationToken: Ct);
        var cli = await ws.Smctl("gate", "status", "--json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Stdout), JsonNode.Parse(tool.StructuredContent!.Value.GetRawText())));
        var refused = await client.CallToolAsync("smctl_gate_logs", McpToolTests.Arguments("""{"follow":true}"""), cancellationToken: Ct);
        Assert.True(refused.IsError);
    }

    [Fact]
    public async Task Over_stdio_a_subscriber_hears_of_a_real_commit()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var client = await McpStdio.ConnectAsync(ws.Ws, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = ws.UserConfigHome }, "2025-11-25");
        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, t => t.Name == "smctl_workspace_status");

        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeToResourceAsync(new Uri("smctl://workspace/status"), (n, _) =>
        {
            updated.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);
        Testing.Git.Commit(ws.Repo("alpha"), "new.txt", "new\n", "a new commit");
        Assert.Equal("smctl://workspace/status", await updated.Task.WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task A_status_subscriber_hears_of_an_edit_that_is_not_committed()
    {
        using var ws = new WorkspaceFixture("alpha");
        Testing.Git.Commit(ws.Repo("alpha"), "src/lib/code.txt", "one\n", "some code");
        await using var client = await McpStdio.ConnectAsync(ws.Ws, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = ws.UserConfigHome }, "2025-11-25");
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeToResourceAsync(new Uri("smctl://workspace/status"), (n, _) =>
        {
            updated.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);
        // An edit deep in the work tree changes status's modified count, and nothing in .git.
        File.AppendAllText(Path.Combine(ws.Repo("alpha"), "src", "lib", "code.txt"), "two\n");
        Assert.Equal("smctl://workspace/status", await updated.Task.WaitAsync(Patience, Ct));
        var status = JsonNode.Parse(((TextResourceContents)(await client.ReadResourceAsync("smctl://workspace/status", cancellationToken: Ct)).Contents[0]).Text)!;
        Assert.Equal(1, status["repos"]![0]!["modified"]!.GetValue<int>());
    }

    [Fact]
    public async Task On_2026_07_28_a_listen_stream_carries_resource_updates()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync("2026-07-28");
        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        var acknowledged = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var updated = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onAck = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            acknowledged.TrySetResult(n.Params);
            return ValueTask.CompletedTask;
        });
        await using var onUpdate = client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) =>
        {
            updated.TrySetResult(n.Params);
            return ValueTask.CompletedTask;
        });
        using var stopListening = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var listen = client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["resourceSubscriptions"] = new JsonArray("smctl://flow/branches") } },
        }, stopListening.Token);
        var ack = await acknowledged.Task.WaitAsync(Patience, Ct);
        Assert.Equal("smctl://flow/branches", ack!["notifications"]!["resourceSubscriptions"]![0]!.GetValue<string>());
        Testing.Git.Run(ws.Repo("alpha"), "branch", "feature/listened");
        var update = await updated.Task.WaitAsync(Patience, Ct);
        Assert.Equal("smctl://flow/branches", update!["uri"]!.GetValue<string>());
        Assert.NotNull(update["_meta"]?["io.modelcontextprotocol/subscriptionId"]);
        stopListening.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen);
    }

    [Fact]
    public async Task A_changes_documents_are_template_resources_and_a_tick_is_announced()
    {
        using var ws = new WorkspaceFixture("alpha");
        Directory.CreateDirectory(Path.Combine(ws.Repo("alpha"), "openspec", "changes"));
        await using var client = await McpStdio.ConnectAsync(ws.Ws, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = ws.UserConfigHome }, "2025-11-25");
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: Ct);
        Assert.Contains(templates, t => t.UriTemplate == "smctl://spec/{name}/tasks" && t.MimeType == "text/markdown");
        var created = await client.CallToolAsync("smctl_spec_new", McpToolTests.Arguments("""{"id":"add-x","noBranch":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, created.IsError);

        var tasks = await client.ReadResourceAsync("smctl://spec/add-x/tasks", cancellationToken: Ct);
        Assert.Contains("- [ ] 1.1", ((TextResourceContents)tasks.Contents[0]).Text);
        var status = await client.ReadResourceAsync("smctl://spec/alpha%3Aadd-x/status", cancellationToken: Ct);
        Assert.Equal(0, JsonNode.Parse(((TextResourceContents)status.Contents[0]).Text)!["completedTasks"]!.GetValue<int>());
        await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync("smctl://spec/add-x/design", cancellationToken: Ct));

        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeToResourceAsync(new Uri("smctl://spec/add-x/tasks"), (n, _) =>
        {
            updated.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);
        var ticked = await client.CallToolAsync("smctl_spec_apply", McpToolTests.Arguments("""{"id":"add-x","done":["1.1"]}"""), cancellationToken: Ct);
        Assert.Equal(1, ticked.StructuredContent!.Value.GetProperty("completedTasks").GetInt32());
        Assert.Equal("smctl://spec/add-x/tasks", await updated.Task.WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task Prompts_walk_through_the_tools()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome, toolsets: "default");
        await using var client = await server.ConnectAsync();
        var prompts = await client.ListPromptsAsync(cancellationToken: Ct);
        Assert.Contains(prompts, p => p.Name == "start_feature");
        var prompt = await client.GetPromptAsync("start_feature", new Dictionary<string, object?> { ["name"] = "gpu", ["repos"] = "alpha" }, cancellationToken: Ct);
        var text = ((TextContentBlock)prompt.Messages.Single().Content).Text;
        Assert.Contains("smctl_flow_feature_start", text);
        Assert.Contains("\"repos\": [\"alpha\"]", text);
        // It names tools of toolsets a session does not start with (worktree, build), so it says how to list them.
        Assert.Contains("smctl_toolset_enable with {\"toolsets\": [\"worktree\", \"build\"]}", text);
        await Assert.ThrowsAsync<McpProtocolException>(async () => await client.GetPromptAsync("start_feature", cancellationToken: Ct));

        // Every call a prompt tells the model to make names the tool's real arguments.
        var tools = (await client.ListToolsAsync(cancellationToken: Ct)).ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema.GetProperty("properties"));
        await client.CallToolAsync("smctl_toolset_enable", new Dictionary<string, object?> { ["toolsets"] = Smctl.Mcp.Tools.Toolsets.All.Select(t => t.Name).ToArray() }, cancellationToken: Ct);
        foreach (var t in await client.ListToolsAsync(cancellationToken: Ct)) tools[t.Name] = t.ProtocolTool.InputSchema.GetProperty("properties");
        foreach (var listed in prompts)
        {
            var args = (listed.ProtocolPrompt.Arguments ?? []).ToDictionary(a => a.Name, a => (object?)(a.Name == "repos" ? "alpha" : "x1"));
            var body = ((TextContentBlock)(await client.GetPromptAsync(listed.Name, args, cancellationToken: Ct)).Messages.Single().Content).Text;
            foreach (System.Text.RegularExpressions.Match call in System.Text.RegularExpressions.Regex.Matches(body, @"(smctl_\w+) with (\{[^{}]*\})"))
            {
                var tool = call.Groups[1].Value;
                Assert.True(tools.ContainsKey(tool), $"{listed.Name} names {tool}, which is no tool");
                foreach (var key in JsonNode.Parse(call.Groups[2].Value.Replace("[...]", "[]"))!.AsObject().Select(kv => kv.Key))
                    Assert.True(tools[tool].TryGetProperty(key, out _), $"{listed.Name} calls {tool} with '{key}', which it does not take");
            }
        }
    }

    [Fact]
    public async Task Completions_offer_repos_features_and_changes()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        Directory.CreateDirectory(Path.Combine(ws.Repo("alpha"), "openspec", "specs"));
        await ws.SmctlOk("flow", "init");
        await ws.SmctlOk("flow", "feature", "start", "login", "--repos", "alpha");
        await ws.SmctlOk("flow", "feature", "start", "logout", "--repos", "beta");
        await ws.SmctlOk("spec", "new", "add-login", "--no-branch");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();

        var repos = await client.CompleteAsync(new PromptReference { Name = "start_feature" }, "repos", "alpha,b", cancellationToken: Ct);
        Assert.Equal(["alpha,beta"], repos.Completion.Values);
        var features = await client.CompleteAsync(new PromptReference { Name = "finish_and_release" }, "feature", "log", cancellationToken: Ct);
        Assert.Equal(["login", "logout"], features.Completion.Values.Order());
        var changes = await client.CompleteAsync(new ResourceTemplateReference { Uri = "smctl://spec/{name}/tasks" }, "name", "add", cancellationToken: Ct);
        Assert.Equal(["add-login"], changes.Completion.Values);
    }

    [Fact]
    public async Task Legacy_sse_clients_are_served()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync(mode: HttpTransportMode.Sse);
        var result = await client.CallToolAsync("smctl_workspace_list", cancellationToken: Ct);
        Assert.NotEqual(true, result.IsError);
    }

    [Fact]
    public async Task Http_refuses_foreign_origins_missing_tokens_and_oversized_bodies()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, new HttpListenOptions("127.0.0.1", 0, Sse: false, Token: Secret, MaxBodyBytes: 64 * 1024), ws.UserConfigHome);
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        HttpRequestMessage Post(string body, string? token, string? origin = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            if (origin is not null) request.Headers.Add("Origin", origin);
            return request;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Post(initialize, null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Post(initialize, "wrong"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Post(initialize, Secret, "http://evil.example"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post(initialize, Secret, "http://localhost:3000"), Ct)).StatusCode);
        var huge = initialize.Replace("\"t\"", "\"" + new string('x', 200_000) + "\"");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(Post(huge, Secret), Ct)).StatusCode);
        var malformed = await http.SendAsync(Post("{not json", Secret), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private const string Secret = "s3cret-s3cret-s3cret";

    [Fact]
    public async Task Bound_to_every_address_a_token_server_still_refuses_a_foreign_page()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, new HttpListenOptions("0.0.0.0", 0, Sse: false, Token: Secret), ws.UserConfigHome);
        using var http = new HttpClient();
        var url = new UriBuilder(server.Url) { Host = "127.0.0.1" }.Uri;
        HttpRequestMessage Post(string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            request.Headers.Authorization = new("Bearer", Secret);
            if (origin is not null) request.Headers.Add("Origin", origin);
            return request;
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Post("http://evil.example"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post("http://127.0.0.1:8080"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post(null), Ct)).StatusCode);
    }

    [Fact]
    public async Task Start_up_refusals_are_one_sentence_and_exit_2()
    {
        using var ws = new WorkspaceFixture("alpha");
        var shortToken = await Assert.ThrowsAsync<Smctl.Core.Errors.SmctlException>(() =>
            McpHttpServer.StartAsync(ws.Ws, new HttpListenOptions("127.0.0.1", 0, Sse: false, Token: "x")));
        Assert.Contains("use at least 16", shortToken.Message);

        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var busy = await ws.Smctl("serve", "--mcp", "--http", "--port", port);
        Assert.Equal(2, busy.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", busy.Stderr);
        Assert.DoesNotContain("   at ", busy.Stderr);
        Assert.DoesNotContain("fail:", busy.Stderr);
    }

    [Fact]
    public async Task Binding_beyond_loopback_needs_a_token()
    {
        using var ws = new WorkspaceFixture("alpha");
        var error = await Assert.ThrowsAsync<Smctl.Core.Errors.SmctlException>(() =>
            McpHttpServer.StartAsync(ws.Ws, new HttpListenOptions("0.0.0.0", 0, Sse: false, Token: null)));
        Assert.Contains("a token is required", error.Message);
        var cli = await ws.Smctl("serve", "--mcp", "--http", "--host", "0.0.0.0", "--port", "0");
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("token", cli.Stderr);
    }

    [Fact]
    public async Task Over_stdio_malformed_lines_get_json_rpc_errors_and_the_server_goes_on()
    {
        using var ws = new WorkspaceFixture("alpha");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ws.Ws,
        };
        foreach (var a in new[] { typeof(Smctl.Cli.SmctlApp).Assembly.Location, "serve", "--mcp", "--stdio" }) psi.ArgumentList.Add(a);
        using var server = System.Diagnostics.Process.Start(psi)!;
        _ = server.StandardError.ReadToEndAsync(Ct);
        var answers = new Dictionary<int, JsonNode>();
        // Requests are served concurrently: answers may come in any order.
        async Task<JsonNode> Answer(int id)
        {
            while (!answers.ContainsKey(id))
            {
                var line = await server.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(Patience, Ct) ?? throw new InvalidOperationException("the server closed stdout");
                var message = JsonNode.Parse(line)!;
                if (message["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number) answers[message["id"]!.GetValue<int>()] = message;
            }
            return answers[id];
        }
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await server.StandardInput.FlushAsync(Ct);
        await Answer(1);
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.StandardInput.WriteLineAsync("this is not json {");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"no/such/method"}""");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":42}}""");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"smctl_workspace_list","arguments":{}}}""");
        await server.StandardInput.FlushAsync(Ct);
        Assert.Equal(-32601, (await Answer(2))["error"]!["code"]!.GetValue<int>());
        Assert.NotNull((await Answer(3))["error"]);
        Assert.False((await Answer(4))["result"]!["isError"]!.GetValue<bool>());
        server.StandardInput.Close();
        await server.WaitForExitAsync(Ct).WaitAsync(Patience, Ct);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

/// <summary>The tools: one per operation, described truthfully, answering exactly what the CLI's --json answers.</summary>
public sealed class McpToolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_is_a_tool_and_every_tool_an_operation()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Equal(OperationCatalog.All.Select(o => o.Info.ToolName).Order(), tools.Select(t => t.Name).Order());
        Assert.Contains("smctl_workspace_status", tools.Select(t => t.Name));
        Assert.Contains("smctl_flow_feature_start", tools.Select(t => t.Name));
        Assert.Contains("smctl_build", tools.Select(t => t.Name));
        Assert.Contains("smctl_plan_apply", tools.Select(t => t.Name));
    }

    [Fact]
    public async Task Every_tool_has_described_schemas_and_annotations_true_to_its_effect()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        foreach (var tool in (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.ProtocolTool))
        {
            var op = OperationCatalog.All.Single(o => o.Info.ToolName == tool.Name);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
            // dryRun and confirm are said once, in the server's instructions.
            foreach (var property in tool.InputSchema.GetProperty("properties").EnumerateObject().Where(p => p.Name is not ("dryRun" or "confirm")))
                Assert.True(property.Value.TryGetProperty("description", out _), $"{tool.Name}.{property.Name} has no description");
            Assert.Equal(op.Info.Effect != OperationEffect.ReadOnly, tool.InputSchema.GetProperty("properties").TryGetProperty("dryRun", out _));
            Assert.Equal(op.Info.Effect == OperationEffect.Destructive, tool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out _));
            // A closed set lists its values and says which one an absent argument takes (worktree add's kind: feature).
            foreach (var field in InputField.Of(op.InputTypeInfo).Where(f => f.Kind == FieldKind.Choice))
            {
                var property = tool.InputSchema.GetProperty("properties").GetProperty(field.JsonName);
                Assert.Equal(field.Choices, property.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!));
                if (field.Default is not null) Assert.Equal(field.Default, property.GetProperty("default").GetString());
            }
            Assert.DoesNotContain("\"null\"", tool.InputSchema.GetRawText() + tool.OutputSchema!.Value.GetRawText());
            Assert.Equal("object", tool.OutputSchema!.Value.GetProperty("type").GetString());
            // The bookkeeping that decides isError is not part of a result.
            Assert.False(tool.OutputSchema!.Value.GetProperty("properties").TryGetProperty("failureKind", out _), $"{tool.Name} shows failureKind");
            // A hint left out means MCP's default: not read-only, destructive (when not read-only), not idempotent, open world.
            var a = tool.Annotations!;
            Assert.Equal(op.Info.Effect == OperationEffect.ReadOnly, a.ReadOnlyHint ?? false);
            if (op.Info.Effect != OperationEffect.ReadOnly) Assert.Equal(op.Info.Effect == OperationEffect.Destructive, a.DestructiveHint ?? true);
            if (op.Info.Effect != OperationEffect.ReadOnly) Assert.Equal(op.Info.Idempotent, a.IdempotentHint ?? false);
            Assert.Equal(op.Info.OpenWorld, a.OpenWorldHint ?? true);
        }
    }

    public static TheoryData<string, string, string[]> SameInput => new()
    {
        { "smctl_workspace_status", "{}", ["workspace", "status"] },
        { "smctl_workspace_status", """{"repos":["beta"]}""", ["workspace", "status", "--repos", "beta"] },
        { "smctl_workspace_list", "{}", ["workspace", "list"] },
        { "smctl_config_show", "{}", ["config", "show"] },
        { "smctl_config_get", """{"key":"flow.model"}""", ["config", "get", "flow.model"] },
        { "smctl_flow_list", "{}", ["flow", "list"] },
        { "smctl_worktree_list", "{}", ["worktree", "list"] },
        { "smctl_build_graph", "{}", ["build", "graph"] },
        { "smctl_build_status", "{}", ["build", "status"] },
        { "smctl_plan_list", "{}", ["plan", "list"] },
        { "smctl_release_plan", "{}", ["release", "plan"] },
        { "smctl_mcp_config", """{"client":"cursor"}""", ["mcp", "config", "--client", "cursor"] },
    };

    [Theory]
    [MemberData(nameof(SameInput))]
    public async Task Structured_content_is_the_commands_json(string tool, string arguments, string[] command)
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        File.WriteAllText(Path.Combine(ws.Repo("alpha"), "dirty.txt"), "x\n");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var result = await client.CallToolAsync(tool, Arguments(arguments), cancellationToken: Ct);
        var cli = await ws.Smctl([.. command, "--json"]);
        Assert.Equal(0, cli.ExitCode);
        Assert.NotEqual(true, result.IsError);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Stdout), JsonNode.Parse(result.StructuredContent!.Value.GetRawText())), $"{tool}: {result.StructuredContent}\nvs\n{cli.Stdout}");
        // The text is the same JSON on one line (the CLI indents it for a person).
        var text = Assert.IsType<TextContentBlock>(result.Content.Single()).Text;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Stdout), JsonNode.Parse(text)), text);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public async Task A_dry_run_returns_a_plan_id_that_plan_apply_executes_exactly()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var before = Refs.Of(ws, "alpha");
        var plan = await client.CallToolAsync("smctl_flow_feature_start", Arguments("""{"name":"gpu","noFetch":true,"dryRun":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, plan.IsError);
        var planned = plan.StructuredContent!.Value;
        Assert.Equal("planned", planned.GetProperty("phase").GetString());
        Assert.Equal(before, Refs.Of(ws, "alpha"));
        var applied = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{planned.GetProperty("planId").GetString()}}"}"""), cancellationToken: Ct);
        Assert.NotEqual(true, applied.IsError);
        Assert.Equal("completed", applied.StructuredContent!.Value.GetProperty("phase").GetString());
        Assert.Equal("feature/gpu", Testing.Git.Run(ws.Repo("alpha"), "branch", "--show-current").Trim());
        Assert.Equal("feature/gpu", Testing.Git.Run(ws.Repo("beta"), "branch", "--show-current").Trim());
    }

    [Fact]
    public async Task A_spec_new_dry_run_plan_creates_the_branch_and_the_change_alike()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        Directory.CreateDirectory(Path.Combine(ws.Repo("alpha"), "openspec", "changes"));
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var change = Path.Combine(ws.Repo("alpha"), "openspec", "changes", "add-cache");
        var plan = await client.CallToolAsync("smctl_spec_new", Arguments("""{"id":"add-cache","dryRun":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, plan.IsError);
        var planned = plan.StructuredContent!.Value;
        // The dry run's plan is all of it: the branch in both repos and, in the repo holding the root, the change.
        var alphaSteps = planned.GetProperty("branch").GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("repo").GetString() == "alpha")
            .GetProperty("steps").EnumerateArray().Select(st => st.GetProperty("op").GetString()).ToList();
        Assert.Equal("change_write", alphaSteps.Last());
        Assert.False(Directory.Exists(change));

        var applied = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{planned.GetProperty("planId").GetString()}}"}"""), cancellationToken: Ct);
        Assert.NotEqual(true, applied.IsError);
        Assert.Equal("completed", applied.StructuredContent!.Value.GetProperty("phase").GetString());
        Assert.True(File.Exists(Path.Combine(change, "proposal.md")));
        Assert.True(File.Exists(Path.Combine(change, ".openspec.yaml")));
        Assert.Equal("feature/add-cache", Testing.Git.Run(ws.Repo("alpha"), "branch", "--show-current").Trim());
        Assert.Equal("feature/add-cache", Testing.Git.Run(ws.Repo("beta"), "branch", "--show-current").Trim());

        // What the real call makes, file for file.
        var direct = await ws.Smctl("spec", "new", "add-other", "--repos", "beta", "--json");
        Assert.Equal(0, direct.ExitCode);
        Assert.Equal(Directory.GetFiles(change).Select(Path.GetFileName).Order(),
            Directory.GetFiles(Path.Combine(ws.Repo("alpha"), "openspec", "changes", "add-other")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_dry_run_of_a_call_that_is_not_a_program_saves_the_call_and_plan_apply_makes_it()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var before = File.ReadAllText(ws.Manifest);
        var plan = await client.CallToolAsync("smctl_config_set", Arguments("""{"key":"flow.develop_branch","value":"dev","dryRun":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, plan.IsError);
        var id = plan.StructuredContent!.Value.GetProperty("planId").GetString()!;
        Assert.Equal(before, File.ReadAllText(ws.Manifest));
        var shown = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{id}}","dryRun":true}"""), cancellationToken: Ct);
        Assert.Equal("planned", shown.StructuredContent!.Value.GetProperty("phase").GetString());
        Assert.Equal(before, File.ReadAllText(ws.Manifest));

        var applied = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{id}}"}"""), cancellationToken: Ct);
        Assert.NotEqual(true, applied.IsError);
        Assert.Equal("completed", applied.StructuredContent!.Value.GetProperty("phase").GetString());
        Assert.Equal("dev", applied.StructuredContent!.Value.GetProperty("output").GetProperty("value").GetString());
        Assert.Equal("dev", (await ws.Smctl("config", "get", "flow.develop_branch")).Stdout.Trim());

        // A call planned before a repo moved is refused, as any plan is.
        var second = await client.CallToolAsync("smctl_workspace_remove", Arguments("""{"repo":"beta","deleteFiles":true,"dryRun":true}"""), cancellationToken: Ct);
        var secondId = second.StructuredContent!.Value.GetProperty("planId").GetString()!;
        Testing.Git.Commit(ws.Repo("alpha"), "moved.txt", "x\n", "moved");
        var refused = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{secondId}}","confirm":true}"""), cancellationToken: Ct);
        Assert.True(refused.IsError);
        Assert.Contains("moved since the plan was made", ErrorOf(refused).GetProperty("message").GetString());
        Assert.True(Directory.Exists(ws.Repo("beta")));

        // Planned again and applied: the destructive call still needs the user's agreement.
        var third = await client.CallToolAsync("smctl_workspace_remove", Arguments("""{"repo":"beta","deleteFiles":true,"dryRun":true}"""), cancellationToken: Ct);
        var thirdId = third.StructuredContent!.Value.GetProperty("planId").GetString()!;
        var unconfirmed = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{thirdId}}"}"""), cancellationToken: Ct);
        Assert.True(unconfirmed.IsError);
        Assert.True(Directory.Exists(ws.Repo("beta")));
        var removed = await client.CallToolAsync("smctl_plan_apply", Arguments($$"""{"id":"{{thirdId}}","confirm":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, removed.IsError);
        Assert.False(Directory.Exists(ws.Repo("beta")));
    }

    [Fact]
    public async Task Failures_are_isError_results_with_the_one_error_shape()
    {
        using var empty = new TempDir();
        await using var server = await McpHttpServer.StartAsync(empty.Path);
        await using var client = await server.ConnectAsync();
        var result = await client.CallToolAsync("smctl_workspace_status", cancellationToken: Ct);
        Assert.True(result.IsError);
        // The error is the text; structuredContent is the tool's result shape, which a validating client holds it to.
        Assert.Null(result.StructuredContent);
        var error = ErrorOf(result);
        Assert.Equal(-32001, error.GetProperty("code").GetInt32());
        Assert.Contains("not in an smctl workspace", error.GetProperty("message").GetString());
        Assert.True(error.TryGetProperty("suggestion", out _));
    }

    [Fact]
    public async Task Hostile_arguments_get_clear_errors_and_change_nothing()
    {
        using var ws = new WorkspaceFixture("alpha");
        var manifest = File.ReadAllText(ws.Manifest);
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("smctl_rm_rf", cancellationToken: Ct));
        Assert.Equal(McpErrorCode.InvalidParams, unknown.ErrorCode);

        var wrongType = await client.CallToolAsync("smctl_workspace_status", Arguments("""{"repos": 5}"""), cancellationToken: Ct);
        Assert.True(wrongType.IsError);
        Assert.Contains("repos must be a list of texts, not 5", ErrorOf(wrongType).GetProperty("message").GetString());

        var unknownArgument = await client.CallToolAsync("smctl_workspace_status", Arguments("""{"repoz": ["alpha"]}"""), cancellationToken: Ct);
        Assert.True(unknownArgument.IsError);

        var missing = await client.CallToolAsync("smctl_config_get", Arguments("{}"), cancellationToken: Ct);
        Assert.True(missing.IsError);

        var traversal = await client.CallToolAsync("smctl_workspace_add", Arguments("""{"url":"https://example.com/x.git","path":"../../outside"}"""), cancellationToken: Ct);
        Assert.True(traversal.IsError);
        Assert.Contains("outside the workspace root", ErrorOf(traversal).GetProperty("message").GetString());

        var localOutside = await client.CallToolAsync("smctl_workspace_add", Arguments($$"""{"url":"{{ws.RemoteUrl("alpha")}}","name":"again"}"""), cancellationToken: Ct);
        Assert.True(localOutside.IsError);

        Directory.CreateSymbolicLink(Path.Combine(ws.Ws, "escape"), Path.GetTempPath());
        var symlink = await client.CallToolAsync("smctl_workspace_add", Arguments("""{"url":"https://example.com/x.git","path":"escape/x"}"""), cancellationToken: Ct);
        Assert.True(symlink.IsError);

        var badDryRun = await client.CallToolAsync("smctl_flow_init", Arguments("""{"dryRun":"yes"}"""), cancellationToken: Ct);
        Assert.True(badDryRun.IsError);

        Assert.Equal(manifest, File.ReadAllText(ws.Manifest));
        Assert.False(Directory.Exists(Path.Combine(ws.Root, "outside")));
    }

    [Fact]
    public async Task A_remote_password_never_reaches_a_result()
    {
        using var ws = new WorkspaceFixture("alpha");
        File.AppendAllText(ws.Manifest, "\n[[repos]]\nname = \"secret\"\nurl = \"https://bob:hunter2@example.com/secret.git\"\n");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var list = await client.CallToolAsync("smctl_workspace_list", cancellationToken: Ct);
        var exec = await client.CallToolAsync("smctl_exec", Arguments("""{"command":["echo cloned from https://bob:hunter2@example.com/x.git"],"repos":["alpha"]}"""), cancellationToken: Ct);
        var config = await client.ReadResourceAsync("smctl://workspace/config", cancellationToken: Ct);
        foreach (var text in new[] { list.StructuredContent!.Value.GetRawText(), exec.StructuredContent!.Value.GetRawText(), ((TextResourceContents)config.Contents[0]).Text })
        {
            Assert.DoesNotContain("hunter2", text);
        }
        Assert.Contains("https://***@example.com/x.git", exec.StructuredContent!.Value.GetRawText());
    }

    internal static Dictionary<string, object?> Arguments(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    [Fact]
    public async Task Results_are_one_line_of_json_with_text_as_written()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var status = await client.CallToolAsync("smctl_workspace_status", cancellationToken: Ct);
        var text = ((TextContentBlock)status.Content[0]).Text;
        Assert.DoesNotContain('\n', text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(status.StructuredContent!.Value.GetRawText())));

        var unknown = await client.CallToolAsync("smctl_config_get", Arguments("""{"key":"flow.model","nope":1}"""), cancellationToken: Ct);
        var error = ((TextContentBlock)unknown.Content[0]).Text;
        Assert.Contains("'nope'", error);
        Assert.DoesNotContain("\\u0027", error);
    }

    [Fact]
    public async Task Huge_arguments_are_refused_over_stdio_and_never_echoed_whole()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var client = await McpStdio.ConnectAsync(ws.Ws, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = ws.UserConfigHome });
        var huge = await client.CallToolAsync("smctl_flow_feature_start", new Dictionary<string, object?> { ["name"] = new string('x', 5 * 1024 * 1024) }, cancellationToken: Ct);
        Assert.True(huge.IsError);
        var text = ((TextContentBlock)huge.Content[0]).Text;
        Assert.Contains("the limit is 4 MiB", text);
        Assert.True(text.Length < 4000, $"{text.Length} characters");

        // Under the limit but refused: the error quotes the start of what it refuses.
        var bad = await client.CallToolAsync("smctl_flow_feature_start", new Dictionary<string, object?> { ["name"] = "Bad " + new string('y', 1024 * 1024) }, cancellationToken: Ct);
        Assert.True(bad.IsError);
        var badText = ((TextContentBlock)bad.Content[0]).Text;
        Assert.Contains("is not a valid name", badText);
        Assert.True(badText.Length < 6000, $"{badText.Length} characters");
        Assert.False(Directory.Exists(Path.Combine(ws.Repo("alpha"), ".git", "refs", "heads", "feature")));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    public async Task A_client_that_can_ask_its_user_is_asked_instead_of_needing_confirm(string answer)
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        var (code, stdout, stderr) = Peers.Run("node", ws.Ws, [Path.Combine(Peers.Folder, "mcp-elicit.mjs"), answer, server.Url.ToString(),
            "smctl_workspace_remove", """{"repo":"beta","deleteFiles":true}"""], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, stdout + stderr);
        var seen = JsonDocument.Parse(stdout.Trim()).RootElement;
        // The terminal's question, put to the user through the TypeScript client's form.
        var asked = Assert.Single(seen.GetProperty("asked").EnumerateArray());
        Assert.Equal($"Delete {ws.Repo("beta")} and everything in it?", asked.GetProperty("message").GetString());
        Assert.Equal("boolean", asked.GetProperty("schema").GetProperty("properties").GetProperty("confirm").GetProperty("type").GetString());
        if (answer == "accept")
        {
            Assert.False(seen.GetProperty("isError").GetBoolean(), seen.GetProperty("text").GetString());
            Assert.False(Directory.Exists(ws.Repo("beta")));
        }
        else
        {
            Assert.True(seen.GetProperty("isError").GetBoolean());
            Assert.Contains("not confirmed", seen.GetProperty("text").GetString());
            Assert.True(Directory.Exists(ws.Repo("beta")));
            Assert.Contains("name = \"beta\"", File.ReadAllText(ws.Manifest));
        }
    }

    [Fact]
    public async Task What_the_cli_asks_first_needs_confirm_over_mcp()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var asked = await client.CallToolAsync("smctl_workspace_remove", Arguments("""{"repo":"beta","deleteFiles":true}"""), cancellationToken: Ct);
        Assert.True(asked.IsError);
        var error = ErrorOf(asked);
        Assert.Contains($"not confirmed: Delete {ws.Repo("beta")} and everything in it? Nothing was changed.", error.GetProperty("message").GetString());
        Assert.Contains("confirm: true", error.GetProperty("suggestion").GetString());
        Assert.True(Directory.Exists(ws.Repo("beta")));
        Assert.Contains("name = \"beta\"", File.ReadAllText(ws.Manifest));

        var confirmed = await client.CallToolAsync("smctl_workspace_remove", Arguments("""{"repo":"beta","deleteFiles":true,"confirm":true}"""), cancellationToken: Ct);
        Assert.NotEqual(true, confirmed.IsError);
        Assert.False(Directory.Exists(ws.Repo("beta")));

        // A tool that asks nothing has no confirm argument.
        var status = await client.CallToolAsync("smctl_workspace_status", Arguments("""{"confirm":true}"""), cancellationToken: Ct);
        Assert.True(status.IsError);
        Assert.Contains("unknown argument 'confirm'", ErrorOf(status).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Tools_write_beyond_the_workspace_only_when_the_server_allows_it()
    {
        using var ws = new WorkspaceFixture("alpha");
        var userConfig = Path.Combine(ws.UserConfigHome, "smctl", "config.toml");
        using var home = new TempDir();
        await using (var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome))
        await using (var client = await server.ConnectAsync())
        {
            // The user config holds the editor 'smctl config edit' starts: not a file a model may write by default.
            var editor = await client.CallToolAsync("smctl_config_set", Arguments("""{"key":"editor","value":"sh -c evil","scope":"user"}"""), cancellationToken: Ct);
            Assert.True(editor.IsError);
            Assert.Contains("--allow-user-config", ErrorOf(editor).GetProperty("suggestion").GetString());
            Assert.False(File.Exists(userConfig));
            var windsurf = await client.CallToolAsync("smctl_mcp_config", Arguments("""{"client":"windsurf","write":true}"""), cancellationToken: Ct);
            Assert.True(windsurf.IsError);
            // Inside the workspace is fine.
            var claude = await client.CallToolAsync("smctl_mcp_config", Arguments("""{"client":"claude","write":true}"""), cancellationToken: Ct);
            Assert.NotEqual(true, claude.IsError);
            Assert.True(File.Exists(Path.Combine(ws.Ws, ".mcp.json")));
        }
        await using (var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome, allowUserConfig: true))
        await using (var client = await server.ConnectAsync())
        {
            var email = await client.CallToolAsync("smctl_config_set", Arguments("""{"key":"user.email","value":"me@example.com","scope":"user"}"""), cancellationToken: Ct);
            Assert.NotEqual(true, email.IsError);
            Assert.Contains("me@example.com", File.ReadAllText(userConfig));
        }
    }

    // Logging is deprecated from 2026-07-28 on; this is what a 2025-11-25 client (most hosts) does.
#pragma warning disable MCP9005
    [Fact]
    public async Task Log_messages_reach_the_client_at_the_level_it_set()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync(protocolVersion: "2025-11-25");
        var messages = new System.Collections.Concurrent.ConcurrentQueue<LoggingMessageNotificationParams>();
        await using var onMessage = client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (n, _) =>
        {
            messages.Enqueue(JsonSerializer.Deserialize<LoggingMessageNotificationParams>(n.Params!, McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });
        await client.CallToolAsync("smctl_workspace_list", cancellationToken: Ct);
        await Task.Delay(300, Ct);
        Assert.Empty(messages); // no level set: nothing is sent

        await client.SetLoggingLevelAsync(LoggingLevel.Info, cancellationToken: Ct);
        await client.CallToolAsync("smctl_workspace_list", cancellationToken: Ct);
        await client.CallToolAsync("smctl_config_get", Arguments("{}"), cancellationToken: Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (messages.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        Assert.Contains(messages, m => m.Level == LoggingLevel.Info && m.Data.ToString().Contains("smctl_workspace_list -> ok", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Level == LoggingLevel.Error && m.Data.ToString().Contains("smctl_config_get -> error", StringComparison.Ordinal));

        await client.SetLoggingLevelAsync(LoggingLevel.Error, cancellationToken: Ct);
        var before = messages.Count;
        await client.CallToolAsync("smctl_workspace_list", cancellationToken: Ct);
        await Task.Delay(300, Ct);
        Assert.Equal(before, messages.Count);
    }
#pragma warning restore MCP9005

    [Fact]
    public async Task Hints_name_the_arguments_of_the_face_that_is_asked()
    {
        using var ws = new WorkspaceFixture("alpha");
        File.WriteAllText(Path.Combine(ws.Repo("alpha"), "work.txt"), "unsaved\n");
        var cli = await ws.Smctl("workspace", "remove", "alpha", "--delete-files", "--yes");
        Assert.Contains("pass --force", cli.Stderr);
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        var mcp = await client.CallToolAsync("smctl_workspace_remove", Arguments("""{"repo":"alpha","deleteFiles":true,"confirm":true}"""), cancellationToken: Ct);
        var suggestion = ErrorOf(mcp).GetProperty("suggestion").GetString();
        Assert.Contains("pass force: true", suggestion);
        Assert.DoesNotContain("--", suggestion);
    }

    [Fact]
    public async Task The_audit_line_says_whether_a_call_was_a_dry_run()
    {
        using var ws = new WorkspaceFixture("alpha");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using (var client = await McpStdio.ConnectAsync(ws.Ws, new Dictionary<string, string?> { ["SMCTL_LOG"] = "information", ["XDG_CONFIG_HOME"] = ws.UserConfigHome }, stderr: log.Enqueue))
        {
            await client.CallToolAsync("smctl_flow_feature_start", Arguments("""{"name":"f1","dryRun":true}"""), cancellationToken: Ct);
            await client.CallToolAsync("smctl_workspace_status", cancellationToken: Ct);
        }
        Assert.Contains(log, l => l.Contains("smctl_flow_feature_start (dry run)", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("smctl_workspace_status {", StringComparison.Ordinal));
    }

    /// <summary>A failed call's error object: {code, kind, message, repo?, suggestion?}, as its text.</summary>
    private static JsonElement ErrorOf(CallToolResult result) =>
        JsonDocument.Parse(((TextContentBlock)result.Content[0]).Text).RootElement.Clone();
}

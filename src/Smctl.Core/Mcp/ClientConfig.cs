using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;

namespace Smctl.Core.Mcp;

/// <summary>The assistants whose client configuration smctl writes.</summary>
public enum McpClient
{
    [JsonStringEnumMemberName("claude")] Claude,
    [JsonStringEnumMemberName("cursor")] Cursor,
    [JsonStringEnumMemberName("windsurf")] Windsurf,
    [JsonStringEnumMemberName("vscode")] Vscode,
}

public sealed record McpConfigInput
{
    [Description("Which client's configuration: Claude Code, Cursor, Windsurf or VS Code")]
    public required McpClient Client { get; init; }
    [Description("Write it into the client's configuration, keeping other servers")]
    public bool Write { get; init; }
}

/// <param name="Path">Where the client reads it from.</param>
/// <param name="Content">The whole file as it is (or would be) with smctl's entry.</param>
public sealed record McpConfigResult(string Client, string Path, string Content, bool Written);

/// <summary>The configuration an assistant's client needs to start smctl as its MCP server over stdio.</summary>
public sealed class McpConfig : IOperation<McpConfigInput, McpConfigResult>
{
    public OperationInfo Info { get; } = new("mcp.config",
        "Print (or write) the client configuration that starts smctl as an MCP server: Claude Code, Cursor, Windsurf, VS Code.",
        OperationEffect.Mutating, Idempotent: true);
    public JsonTypeInfo<McpConfigInput> InputJson => SmctlJson.Default.McpConfigInput;
    public JsonTypeInfo<McpConfigResult> ResultJson => SmctlJson.Default.McpConfigResult;

    public Task<McpConfigResult> RunAsync(SmctlContext context, McpConfigInput input, CancellationToken ct)
    {
        var client = input.Client.ToString().ToLowerInvariant();
        var root = context.FindHome() ?? context.CurrentDirectory;
        var path = client switch
        {
            "claude" => System.IO.Path.Combine(root, ".mcp.json"),
            "cursor" => System.IO.Path.Combine(root, ".cursor", "mcp.json"),
            "vscode" => System.IO.Path.Combine(root, ".vscode", "mcp.json"),
            // Windsurf reads only its user-wide file.
            _ => System.IO.Path.Combine(context.GetEnvironment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".codeium", "windsurf", "mcp_config.json"),
        };
        var document = Existing(path);
        var serversKey = client == "vscode" ? "servers" : "mcpServers";
        if (document[serversKey] is not JsonObject servers)
        {
            servers = [];
            document[serversKey] = servers;
        }
        var entry = new JsonObject();
        if (client == "vscode") entry["type"] = "stdio";
        entry["command"] = "smctl";
        entry["args"] = new JsonArray("serve", "--mcp", "--stdio");
        entry["env"] = new JsonObject { ["SMCTL_WORKSPACE"] = root };
        servers["smctl"] = entry;
        var content = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var inProject = System.IO.Path.GetFullPath(path).StartsWith(System.IO.Path.GetFullPath(root).TrimEnd('/') + "/", StringComparison.Ordinal);
        if (input.Write && !inProject) context.RequireWriteBeyondWorkspace(path, $"{client}'s user-wide settings");
        var write = input.Write && !context.DryRun;
        if (write)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            IO.AtomicFile.WriteAllText(path, content);
        }
        return Task.FromResult(new McpConfigResult(client, path, content, write));
    }

    /// <summary>The client's file as it is, so other servers in it survive; a broken one is refused, not overwritten.</summary>
    private static JsonObject Existing(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new JsonException("the top level is not an object");
        }
        catch (JsonException e)
        {
            throw new SmctlException(ErrorKind.Usage, $"{path} is not valid JSON ({e.Message}); it was left as it is", "fix or remove the file, then run this again");
        }
    }
}

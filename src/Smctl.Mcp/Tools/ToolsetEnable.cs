using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Smctl.Core.Errors;

namespace Smctl.Mcp.Tools;

/// <summary>
/// The toolsets each session lists, and smctl_toolset_enable, the one tool that is not an smctl command: it adds
/// toolsets to the session and tells the client its tool list changed (notifications/tools/list_changed).
/// </summary>
public sealed class ToolsetEnable(IReadOnlyList<Toolset> initial)
{
    private readonly ImmutableHashSet<Toolset> _initial = [.. initial];
    public const string Name = "smctl_toolset_enable";

    // Keyed by session id. Over stdio there is none (one session per process); over HTTP clients that do not
    // initialize (2026-07-28, stateless) have none either, and share one list: there is nothing else to scope it to.
    // The SDK hands each request its own server object, so that cannot be the key. Only sessions that enabled
    // something have an entry.
    private readonly ConcurrentDictionary<string, ImmutableHashSet<Toolset>> _sessions = new();

    public static readonly Tool Tool = new()
    {
        Name = Name,
        Description = "Add toolsets to this session's tools when a task needs them (the tool list then changes). Toolsets: "
            + string.Join("; ", Toolsets.All.Select(t => $"{t.Name}: {t.Summary}")) + ".",
        InputSchema = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["toolsets"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["enum"] = new JsonArray([.. Toolsets.All.Select(t => (JsonNode)t.Name)]) },
                },
            },
            ["required"] = new JsonArray("toolsets"),
        }, McpJson.Default.JsonObject),
        OutputSchema = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["enabled"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                ["added"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        }, McpJson.Default.JsonObject),
        Annotations = new ToolAnnotations { DestructiveHint = false, IdempotentHint = true, OpenWorldHint = false },
    };

    /// <summary>The toolsets this session lists now.</summary>
    public IReadOnlySet<Toolset> Enabled(McpServer server) =>
        _sessions.TryGetValue(server.SessionId ?? "", out var enabled) ? enabled : _initial;

    public bool AllEnabled(McpServer server) => Enabled(server).Count == Toolsets.All.Count;

    /// <summary>Enables the named toolsets; the answer names them and the tools they added.</summary>
    public async ValueTask<CallToolResult> CallAsync(McpServer server, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken ct)
    {
        if (arguments.Keys.FirstOrDefault(k => k != "toolsets") is { } unknown)
            throw SmctlException.Usage($"{Name} takes no '{unknown}'", "pass toolsets: a list of toolset names");
        if (!arguments.TryGetValue("toolsets", out var given) || given.ValueKind != JsonValueKind.Array)
            throw SmctlException.Usage("toolsets must be a list of toolset names", "for example: toolsets: [\"spec\"]");
        var named = given.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw SmctlException.Usage("toolsets must be a list of texts"))
            .Select(n => Toolsets.All.FirstOrDefault(t => t.Name == n) ?? throw Toolsets.Unknown(n)).ToList();
        var before = Enabled(server);
        var enabled = _sessions.AddOrUpdate(server.SessionId ?? "", _ => _initial.Union(named), (_, now) => now.Union(named));
        List<Toolset> added = [.. named.Distinct().Where(t => !before.Contains(t))];
        if (added.Count > 0)
            await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification, ct).ConfigureAwait(false);
        var result = new JsonObject
        {
            ["enabled"] = new JsonArray([.. Toolsets.All.Where(enabled.Contains).Select(t => (JsonNode)t.Name)]),
            ["added"] = new JsonArray([.. added.SelectMany(t => t.Operations).Select(o => (JsonNode)o.Info.ToolName)]),
        };
        var element = JsonSerializer.SerializeToElement(result, McpJson.Default.JsonObject);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = JsonSerializer.Serialize(result, McpJson.Default.JsonObject) }],
            StructuredContent = element,
        };
    }
}

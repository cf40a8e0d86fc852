using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Smctl.Core;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Mcp.Hosting;
using Smctl.Mcp.Security;

namespace Smctl.Mcp.Tools;

/// <summary>One MCP tool per catalog operation, generated so none can be forgotten; calls run the same operation the CLI runs.</summary>
public sealed class ToolCatalog
{
    private readonly ServeSettings _settings;
    private readonly ILogger _audit;
    private readonly Dictionary<string, IOperation> _byName;
    private readonly Dictionary<IOperation, Tool> _described;
    private readonly ToolsetEnable _toolsets;

    public ToolCatalog(ServeSettings settings, IEnumerable<IOperation> operations)
    {
        _settings = settings;
        _audit = settings.LoggerFactory.CreateLogger("smctl.audit");
        _byName = operations.ToDictionary(o => o.Info.ToolName);
        _described = _byName.Values.ToDictionary(o => o, Describe);
        _toolsets = new ToolsetEnable(settings.Toolsets);
    }

    /// <summary>The tools a session lists: those of its toolsets, in catalog order, and the tool that adds more while any are left.</summary>
    public IList<Tool> ListFor(McpServer server)
    {
        var enabled = _toolsets.Enabled(server);
        List<Tool> tools = [.. _described.Where(d => enabled.Contains(Toolsets.Of(d.Key))).Select(d => d.Value)];
        if (!_toolsets.AllEnabled(server)) tools.Add(ToolsetEnable.Tool);
        return tools;
    }

    public static Tool Describe(IOperation op) => new()
    {
        // No title: hosts show the name where there is none, and every tool's title would be read into the model's context.
        Name = op.Info.ToolName,
        Description = op.Info.Summary,
        InputSchema = ToolSchema.Input(op.InputTypeInfo, op.Info.Effect != OperationEffect.ReadOnly, op.Info.Effect == OperationEffect.Destructive),
        OutputSchema = ToolSchema.Output(op.ResultTypeInfo),
        // Only the hints that differ from MCP's defaults (not read-only, destructive, not idempotent, open world), and
        // idempotentHint only where it means something (MCP: when not read-only).
        Annotations = new ToolAnnotations
        {
            ReadOnlyHint = op.Info.Effect == OperationEffect.ReadOnly ? true : null,
            DestructiveHint = op.Info.Effect == OperationEffect.Mutating ? false : null,
            IdempotentHint = op.Info.Idempotent && op.Info.Effect != OperationEffect.ReadOnly ? true : null,
            OpenWorldHint = op.Info.OpenWorld ? null : false,
        },
    };

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var name = request.Params?.Name;
        if (name == ToolsetEnable.Name)
            return await EnableAsync(request, ct).ConfigureAwait(false);
        if (name is null || !_byName.TryGetValue(name, out var op))
            throw new McpProtocolException($"Unknown tool: '{name}'", McpErrorCode.InvalidParams);
        if (!_toolsets.Enabled(request.Server).Contains(Toolsets.Of(op)))
            return ErrorResult(SmctlException.Usage($"{name} is in the toolset '{Toolsets.Of(op).Name}', which this session has not enabled",
                $"call {ToolsetEnable.Name} with toolsets: [\"{Toolsets.Of(op).Name}\"] first").ToInfo());

        var clock = Stopwatch.StartNew();
        // notifications/message to the client, at the level it set with logging/setLevel (nothing until it sets one).
        // 2026-07-28 deprecates logging, but the 2025-11-25 clients most hosts run still set a level and read it.
#pragma warning disable MCP9005
        var client = request.Server.AsClientLoggerProvider().CreateLogger("smctl");
#pragma warning restore MCP9005
        var arguments = request.Params!.Arguments is { } given ? new Dictionary<string, JsonElement>(given) : [];
        CallToolResult result;
        var dryRun = false;
        try
        {
            // Over stdio nothing bounds a request the way HTTP's body limit does: the same limit, before any work.
            var size = arguments.Sum(a => (long)a.Key.Length + a.Value.GetRawText().Length);
            if (size > MaxArgumentBytes)
                throw SmctlException.Usage($"the arguments are {size / (1024.0 * 1024):0.#} MiB; the limit is {MaxArgumentBytes / (1024 * 1024)} MiB",
                    "pass a large input as a file in the workspace instead");
            dryRun = TakeDryRun(op, arguments);
            var confirmed = TakeFlag(arguments, "confirm", takes: op.Info.Effect == OperationEffect.Destructive);
            new WorkspaceGuard(_settings.Root).Check(op.InputTypeInfo, arguments);
            var context = _settings.NewContext(dryRun, Progress(request, ct), w =>
            {
                _audit.LogWarning("{Tool}: {Warning}", name, w);
                client.LogWarning("{Tool}: {Warning}", name, w);
            }, confirmed, op.Info.Effect == OperationEffect.Destructive ? Elicitation.Asker(request.Server, ct) : null);
            var input = new JsonObject();
            foreach (var (key, value) in arguments) input[key] = JsonNode.Parse(value.GetRawText());
            var output = await op.RunJsonAsync(context, input, ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(output.Json);
            result = new CallToolResult
            {
                // One line of JSON: what the CLI indents for a person costs a model tokens.
                Content = [new TextContentBlock { Text = OperationJson.Compact(document.RootElement) }],
                StructuredContent = document.RootElement.Clone(),
                IsError = output.FailureKind is not null,
            };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _audit.LogInformation("{Tool} cancelled after {Ms} ms", name, clock.ElapsedMilliseconds);
            throw;
        }
        catch (Exception e)
        {
            // A bug still answers as one error result: a host that gets a JSON-RPC internal error drops the call's context.
            var known = SmctlException.Known(e);
            if (known is null) _audit.LogError(e, "{Tool} failed with an internal error", name);
            result = ErrorResult((known ?? SmctlException.Internal(e)).ToInfo());
        }
        client.Log(result.IsError == true ? LogLevel.Error : LogLevel.Information, "{Tool}{DryRun} -> {Outcome} in {Ms} ms", name, dryRun ? " (dry run)" : "",
            result.IsError == true ? "error" : "ok", clock.ElapsedMilliseconds);
        _audit.LogInformation("{Tool}{DryRun} {Arguments} -> {Outcome} in {Ms} ms", name, dryRun ? " (dry run)" : "",
            Clip(Smctl.Core.Redact.Text(JsonSerializer.Serialize(arguments, McpJson.Default.DictionaryStringJsonElement))),
            result.IsError == true ? "error" : "ok", clock.ElapsedMilliseconds);
        return result;
    }

    private async ValueTask<CallToolResult> EnableAsync(RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var arguments = new Dictionary<string, JsonElement>(request.Params!.Arguments ?? new Dictionary<string, JsonElement>());
        try
        {
            var result = await _toolsets.CallAsync(request.Server, arguments, ct).ConfigureAwait(false);
            _audit.LogInformation("{Tool} {Arguments} -> ok", ToolsetEnable.Name, Clip(JsonSerializer.Serialize(new Dictionary<string, JsonElement>(arguments), McpJson.Default.DictionaryStringJsonElement)));
            return result;
        }
        catch (SmctlException e)
        {
            return ErrorResult(e.ToInfo());
        }
    }

    /// <summary>
    /// The one shape of a failed call: isError with {code, kind, message, repo?, suggestion?} as its text. No
    /// structuredContent: a validating client holds that to the tool's output schema, which describes the result.
    /// </summary>
    public static CallToolResult ErrorResult(ErrorInfo error) => new()
    {
        Content = [new TextContentBlock { Text = OperationJson.Serialize(error with { Message = Clip(error.Message), Suggestion = error.Suggestion is { } s ? Clip(s) : null }, SmctlJson.Default.ErrorInfo) }],
        IsError = true,
    };

    /// <summary>The largest arguments a call may have, as HTTP's request body limit (4 MiB).</summary>
    public const long MaxArgumentBytes = 4 * 1024 * 1024;

    /// <summary>An error quotes what it refuses; a huge argument is quoted by its start and end, never whole (the sentence around it stays).</summary>
    private static string Clip(string text) => text.Length <= 2000 ? text : $"{text[..1000]}… ({text.Length - 2000} characters left out) …{text[^1000..]}";

    private static bool TakeDryRun(IOperation op, Dictionary<string, JsonElement> arguments)
    {
        if (op.Info.Effect == OperationEffect.ReadOnly && arguments.ContainsKey("dryRun"))
            throw SmctlException.Usage($"{op.Info.ToolName} only reads; it takes no dryRun");
        return TakeFlag(arguments, "dryRun", takes: op.Info.Effect != OperationEffect.ReadOnly);
    }

    /// <summary>A flag the server adds to some tools (dryRun, confirm), taken out before the operation reads its input; elsewhere it is an unknown argument.</summary>
    private static bool TakeFlag(Dictionary<string, JsonElement> arguments, string name, bool takes)
    {
        if (!takes || !arguments.Remove(name, out var value)) return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw SmctlException.Usage($"{name} must be true or false"),
        };
    }

    /// <summary>Progress events become notifications/progress when the client asked for them with a progress token.</summary>
    private static Action<ProgressEvent>? Progress(RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        if (request.Params?.ProgressToken is not { } token) return null;
        var done = 0;
        int? total = null;
        return e =>
        {
            if (e.Total is { } t) total = t;
            if (e.Finished) Interlocked.Increment(ref done);
            var message = e.Repo.Length == 0 ? e.Phase : $"{e.Repo}: {e.Phase}";
            _ = request.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = done, Total = total, Message = message }, cancellationToken: ct);
        };
    }
}

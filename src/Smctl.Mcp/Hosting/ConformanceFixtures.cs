using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Smctl.Mcp.Hosting;

/// <summary>
/// The reference tools, resources and prompts the MCP conformance suite calls by name (test_simple_text,
/// test://static-text, test_simple_prompt, …), served beside smctl's own only when SMCTL_MCP_CONFORMANCE=1: a
/// test-only switch, so that the suite's scenarios for content types, logging, progress, sampling, elicitation,
/// resources and prompts exercise this server's transports and the SDK as configured here, not a stand-in.
/// </summary>
public static class ConformanceFixtures
{
    public const string Switch = "SMCTL_MCP_CONFORMANCE";

    public static bool Enabled(Func<string, string?> environment) => environment(Switch) == "1";

    // A 1x1 red PNG and a minimal WAV (44-byte header, no samples): the suite checks type, data and MIME type.
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    private const string Wav = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=";

    private static readonly string[] NoArguments =
        ["test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource", "test_multiple_content_types",
         "test_tool_with_logging", "test_error_handling", "test_tool_with_progress", "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums",
         "test_reconnection"];

    public static readonly IReadOnlyList<Tool> Tools =
    [
        .. NoArguments.Select(name => new Tool { Name = name, Description = "Conformance fixture", InputSchema = Schema("""{"type":"object","properties":{}}""") }),
        new Tool { Name = "test_sampling", Description = "Conformance fixture", InputSchema = Schema("""{"type":"object","properties":{"prompt":{"type":"string"}},"required":["prompt"]}""") },
        new Tool { Name = "test_elicitation", Description = "Conformance fixture", InputSchema = Schema("""{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""") },
        new Tool
        {
            Name = "json_schema_2020_12_tool", Description = "Tool with JSON Schema 2020-12 features",
            InputSchema = Schema("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                 "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},"additionalProperties":false}
                """),
        },
    ];

    public static bool Has(string? tool) => Tools.Any(t => t.Name == tool);

    public static async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var server = request.Server;
        string Argument(string name) => request.Params?.Arguments?.TryGetValue(name, out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };
        switch (request.Params!.Name)
        {
            case "test_simple_text": return Text("This is a simple text response for testing.");
            case "test_image_content": return new() { Content = [ImageContentBlock.FromBytes(Convert.FromBase64String(Png), "image/png")] };
            case "test_audio_content": return new() { Content = [AudioContentBlock.FromBytes(Convert.FromBase64String(Wav), "audio/wav")] };
            case "test_embedded_resource":
                return new() { Content = [new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." } }] };
            case "test_multiple_content_types":
                return new()
                {
                    Content =
                    [
                        new TextContentBlock { Text = "Multiple content types test:" },
                        ImageContentBlock.FromBytes(Convert.FromBase64String(Png), "image/png"),
                        new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" } },
                    ],
                };
            case "test_tool_with_logging":
#pragma warning disable MCP9005 // the suite sets a level with logging/setLevel and reads notifications/message
                var log = server.AsClientLoggerProvider().CreateLogger("conformance");
#pragma warning restore MCP9005
                log.LogInformation("Tool execution started");
                await Task.Delay(50, ct).ConfigureAwait(false);
                log.LogInformation("Tool processing data");
                await Task.Delay(50, ct).ConfigureAwait(false);
                log.LogInformation("Tool execution completed");
                return Text("Tool with logging executed successfully");
            case "test_error_handling":
                return new() { IsError = true, Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }] };
            case "test_tool_with_progress":
                foreach (var step in new[] { 0, 50, 100 })
                {
                    if (request.Params.ProgressToken is { } token)
                        await server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = step, Total = 100 }, cancellationToken: ct).ConfigureAwait(false);
                    if (step < 100) await Task.Delay(50, ct).ConfigureAwait(false);
                }
                return Text("Tool with progress executed successfully");
            case "test_sampling":
#pragma warning disable MCP9005 // a fixture only: smctl's own operations never ask the client's model (ARCHITECTURE, decided question 3)
                var sampled = await server.SampleAsync(new CreateMessageRequestParams
                {
                    Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = Argument("prompt") }] }],
                    MaxTokens = 100,
                }, ct).ConfigureAwait(false);
#pragma warning restore MCP9005
                return Text("LLM response: " + string.Join(" ", sampled.Content.OfType<TextContentBlock>().Select(c => c.Text)));
            case "test_elicitation":
                var answer = await server.ElicitAsync(new ElicitRequestParams
                {
                    Message = Argument("message"),
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                        {
                            ["username"] = new ElicitRequestParams.StringSchema { Description = "User's response" },
                            ["email"] = new ElicitRequestParams.StringSchema { Description = "User's email address" },
                        },
                        Required = ["username", "email"],
                    },
                }, ct).ConfigureAwait(false);
                return Text($"User response: action={answer.Action}, content={Json(answer.Content)}");
            case "test_elicitation_sep1034_defaults":
                var defaults = await server.ElicitAsync(new ElicitRequestParams
                {
                    Message = "Test client default value handling - please accept with defaults",
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                        {
                            ["name"] = new ElicitRequestParams.StringSchema { Description = "User name", Default = "John Doe" },
                            ["age"] = new ElicitRequestParams.NumberSchema { Type = "integer", Description = "User age", Default = 30 },
                            ["score"] = new ElicitRequestParams.NumberSchema { Description = "User score", Default = 95.5 },
                            ["status"] = new ElicitRequestParams.UntitledSingleSelectEnumSchema { Description = "User status", Enum = ["active", "inactive", "pending"], Default = "active" },
                            ["verified"] = new ElicitRequestParams.BooleanSchema { Description = "Verification status", Default = true },
                        },
                    },
                }, ct).ConfigureAwait(false);
                return Text($"Elicitation completed: action={defaults.Action}, content={Json(defaults.Content)}");
            case "test_elicitation_sep1330_enums":
                var enums = await server.ElicitAsync(new ElicitRequestParams
                {
                    Message = "Test enum variants",
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                        {
                            ["untitledSingle"] = new ElicitRequestParams.UntitledSingleSelectEnumSchema { Enum = ["option1", "option2", "option3"] },
                            ["titledSingle"] = new ElicitRequestParams.TitledSingleSelectEnumSchema
                            {
                                OneOf = [Option("value1", "First Option"), Option("value2", "Second Option"), Option("value3", "Third Option")],
                            },
#pragma warning disable MCP9001 // the deprecated enumNames form is one of the five the suite checks
                            ["legacyEnum"] = new ElicitRequestParams.LegacyTitledEnumSchema { Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"] },
#pragma warning restore MCP9001
                            ["untitledMulti"] = new ElicitRequestParams.UntitledMultiSelectEnumSchema { Items = new ElicitRequestParams.UntitledEnumItemsSchema { Enum = ["option1", "option2", "option3"] } },
                            ["titledMulti"] = new ElicitRequestParams.TitledMultiSelectEnumSchema
                            {
                                Items = new ElicitRequestParams.TitledEnumItemsSchema { AnyOf = [Option("value1", "First Choice"), Option("value2", "Second Choice"), Option("value3", "Third Choice")] },
                            },
                        },
                    },
                }, ct).ConfigureAwait(false);
                return Text($"Elicitation completed: action={enums.Action}, content={Json(enums.Content)}");
            case "test_reconnection":
                // SEP-1699: end this call's SSE stream at once and let the client poll for the answer.
                await request.EnablePollingAsync(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
                await Task.Delay(200, ct).ConfigureAwait(false);
                return Text("Reconnection test completed successfully");
            default:
                return Text("json_schema_2020_12_tool called");
        }
    }

    public static readonly IReadOnlyList<Resource> Resources =
    [
        new Resource { Uri = "test://static-text", Name = "static-text", MimeType = "text/plain" },
        new Resource { Uri = "test://static-binary", Name = "static-binary", MimeType = "image/png" },
    ];

    public static readonly ResourceTemplate Template = new() { UriTemplate = "test://template/{id}/data", Name = "template-data", MimeType = "application/json" };

    public static ReadResourceResult? Read(string? uri)
    {
        if (uri == "test://static-text")
            return new() { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = "This is the content of the static text resource." }] };
        if (uri == "test://static-binary")
            return new() { Contents = [BlobResourceContents.FromBytes(Convert.FromBase64String(Png), uri, "image/png")] };
        if (uri is not null && uri.StartsWith("test://template/", StringComparison.Ordinal) && uri.EndsWith("/data", StringComparison.Ordinal))
        {
            var id = uri["test://template/".Length..^"/data".Length];
            var text = new JsonObject { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" };
            return new() { Contents = [new TextResourceContents { Uri = uri, MimeType = "application/json", Text = JsonSerializer.Serialize(text, McpJson.Default.JsonObject) }] };
        }
        return null;
    }

    public static readonly IReadOnlyList<Prompt> Prompts =
    [
        new Prompt { Name = "test_simple_prompt", Description = "Conformance fixture" },
        new Prompt
        {
            Name = "test_prompt_with_arguments", Description = "Conformance fixture",
            Arguments = [new PromptArgument { Name = "arg1", Required = true }, new PromptArgument { Name = "arg2", Required = true }],
        },
        new Prompt { Name = "test_prompt_with_embedded_resource", Description = "Conformance fixture", Arguments = [new PromptArgument { Name = "resourceUri", Required = true }] },
        new Prompt { Name = "test_prompt_with_image", Description = "Conformance fixture" },
    ];

    public static GetPromptResult? Get(GetPromptRequestParams? request)
    {
        string Argument(string name) => request?.Arguments?.TryGetValue(name, out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        PromptMessage User(ContentBlock content) => new() { Role = Role.User, Content = content };
        return request?.Name switch
        {
            "test_simple_prompt" => new() { Messages = [User(new TextContentBlock { Text = "This is a simple prompt for testing." })] },
            "test_prompt_with_arguments" => new() { Messages = [User(new TextContentBlock { Text = $"Prompt with arguments: arg1='{Argument("arg1")}', arg2='{Argument("arg2")}'" })] },
            "test_prompt_with_embedded_resource" => new()
            {
                Messages =
                [
                    User(new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = Argument("resourceUri"), MimeType = "text/plain", Text = "Embedded resource content for testing." } }),
                    User(new TextContentBlock { Text = "Please process the embedded resource above." }),
                ],
            },
            "test_prompt_with_image" => new()
            {
                Messages = [User(ImageContentBlock.FromBytes(Convert.FromBase64String(Png), "image/png")), User(new TextContentBlock { Text = "Please analyze the image above." })],
            },
            _ => null,
        };
    }

    /// <summary>Wraps smctl's handlers so the fixtures are listed and answered first; everything else goes on to smctl's.</summary>
    public static void Add(McpServerHandlers handlers)
    {
        var (listTools, callTool) = (handlers.ListToolsHandler!, handlers.CallToolHandler!);
        handlers.ListToolsHandler = async (r, ct) =>
        {
            var listed = await listTools(r, ct).ConfigureAwait(false);
            return new ListToolsResult { Tools = [.. listed.Tools, .. Tools] };
        };
        handlers.CallToolHandler = (r, ct) => Has(r.Params?.Name) ? CallAsync(r, ct) : callTool(r, ct);
        var (listResources, listTemplates, read) = (handlers.ListResourcesHandler!, handlers.ListResourceTemplatesHandler!, handlers.ReadResourceHandler!);
        handlers.ListResourcesHandler = async (r, ct) =>
        {
            var listed = await listResources(r, ct).ConfigureAwait(false);
            return new ListResourcesResult { Resources = [.. listed.Resources, .. Resources] };
        };
        handlers.ListResourceTemplatesHandler = async (r, ct) =>
        {
            var listed = await listTemplates(r, ct).ConfigureAwait(false);
            return new ListResourceTemplatesResult { ResourceTemplates = [.. listed.ResourceTemplates, Template] };
        };
        handlers.ReadResourceHandler = (r, ct) => Read(r.Params?.Uri) is { } fixture ? ValueTask.FromResult(fixture) : read(r, ct);
        var (listPrompts, get) = (handlers.ListPromptsHandler!, handlers.GetPromptHandler!);
        handlers.ListPromptsHandler = async (r, ct) =>
        {
            var listed = await listPrompts(r, ct).ConfigureAwait(false);
            return new ListPromptsResult { Prompts = [.. listed.Prompts, .. Prompts] };
        };
        handlers.GetPromptHandler = (r, ct) => Get(r.Params) is { } fixture ? ValueTask.FromResult(fixture) : get(r, ct);
    }

    private static ElicitRequestParams.EnumSchemaOption Option(string value, string title) => new() { Const = value, Title = title };

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Json(IDictionary<string, JsonElement>? content) =>
        content is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, JsonElement>(content), McpJson.Default.DictionaryStringJsonElement);
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smctl.Mcp;

/// <summary>The few types the MCP front end serializes itself (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
internal sealed partial class McpJson : JsonSerializerContext;

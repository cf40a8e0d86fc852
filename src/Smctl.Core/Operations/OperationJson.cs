using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Operations;

/// <summary>The one way a result becomes JSON, for the CLI's <c>--json</c> and MCP structured content alike: no credentials in it.</summary>
public static class OperationJson
{
    public static string Serialize<T>(T value, JsonTypeInfo<T> type) => Redact.Text(JsonSerializer.Serialize(value, type));
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Catalog;

/// <summary>The name an enum value has in smctl's JSON, so that text output says what <c>--json</c> and MCP say.</summary>
public static class JsonNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)SmctlJson.Default.GetTypeInfo(typeof(T))!).Trim('"');
}

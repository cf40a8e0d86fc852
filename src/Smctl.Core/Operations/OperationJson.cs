using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Operations;

/// <summary>The one way a result becomes JSON, for the CLI's <c>--json</c> and MCP structured content alike: no credentials in it.</summary>
public static class OperationJson
{
    /// <summary>
    /// Text as written, not \u-escaped: an apostrophe stays ', Chinese stays Chinese (as openspec writes JSON), so a
    /// model reads what a person would and pays no tokens for escapes. The JSON is never embedded in HTML.
    /// </summary>
    private static readonly JavaScriptEncoder Plain = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Serialize<T>(T value, JsonTypeInfo<T> type) =>
        Redact.Text(Write(writer => JsonSerializer.Serialize(writer, value, type), type.Options.WriteIndented));

    /// <summary>JSON (already redacted) on one line, text as written.</summary>
    public static string Compact(JsonElement json) => Write(json.WriteTo, indented: false);

    /// <summary>A result changed after it was written (a planId added), indented as the CLI prints it, text as written.</summary>
    public static string Reindent(System.Text.Json.Nodes.JsonNode json) => Write(writer => json.WriteTo(writer), indented: true);

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Plain, Indented = indented }))
            write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

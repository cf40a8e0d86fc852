using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Mcp.Tools;

/// <summary>JSON schemas of an operation's input and result, from its source-generated contract (NativeAOT-safe).</summary>
public static class ToolSchema
{
    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) =>
        {
            var description = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false)
                .OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
            if (description is not null && schema is JsonObject obj) obj.Insert(0, "description", description);
            return schema;
        },
    };

    /// <summary>The input schema; mutating operations also take <c>dryRun</c>, destructive ones <c>confirm</c>.</summary>
    public static JsonElement Input(JsonTypeInfo input, bool mutating, bool destructive)
    {
        var schema = ObjectSchema(input);
        // A closed set's default is the member an absent argument takes (a flag's, false, goes without saying).
        if (schema["properties"] is JsonObject declared)
            foreach (var field in InputField.Of(input).Where(f => f.Kind == FieldKind.Choice && f.Default is not null))
                if (declared[field.JsonName] is JsonObject property) property["default"] = field.Default;
        if (mutating)
        {
            var properties = schema["properties"] as JsonObject ?? [];
            schema["properties"] = properties;
            properties["dryRun"] = new JsonObject
            {
                ["description"] = "Only plan and report; change nothing",
                ["type"] = "boolean",
            };
            if (destructive)
                properties["confirm"] = new JsonObject
                {
                    ["description"] = "The user agreed to what this asks first (a deletion, giving up a run's work); without it the call is refused",
                    ["type"] = "boolean",
                };
        }
        // Unknown arguments are refused by name when called; saying so in every schema would only cost tokens.
        schema.Remove("additionalProperties");
        return JsonSerializer.SerializeToElement(schema, McpJson.Default.JsonObject);
    }

    public static JsonElement Output(JsonTypeInfo result)
    {
        var schema = ObjectSchema(result);
        Outline(schema, level: 0);
        return JsonSerializer.SerializeToElement(schema, McpJson.Default.JsonObject);
    }

    /// <summary>
    /// An output schema tells the model the result's shape, and every tool's schema is read into its context: so it
    /// names the result's properties and those of the objects in its lists, and below that says only "an object"
    /// (still true of every result, and what a validating client checks). No additionalProperties or default: a result
    /// never has null defaults, and leaving them out is what keeps tools/list small.
    /// </summary>
    private static void Outline(JsonObject schema, int level)
    {
        if (schema["additionalProperties"] is JsonValue) schema.Remove("additionalProperties");
        schema.Remove("default");
        if (schema["properties"] is JsonObject properties)
        {
            if (level > 0)
            {
                schema.Remove("properties");
                schema.Remove("required");
            }
            else
                foreach (var (_, property) in properties)
                    if (property is JsonObject child) Outline(child, level + 1);
        }
        if (schema["items"] is JsonObject items) Outline(items, level);
        if (schema["additionalProperties"] is JsonObject values) Outline(values, level);
    }

    /// <summary>MCP wants a root of type "object": records export as ["object","null"], empty records without a type.</summary>
    private static JsonObject ObjectSchema(JsonTypeInfo type)
    {
        var schema = type.GetJsonSchemaAsNode(Exporter) as JsonObject ?? [];
        schema["type"] = "object";
        if (schema["properties"] is null) schema["properties"] = new JsonObject();
        AbsentNotNull(schema);
        return schema;
    }

    /// <summary>
    /// smctl writes no null: a property without a value is left out (and an argument without one is not sent). So a
    /// nullable property is optional rather than required-or-null, and its schema names one type, not ["string","null"]
    /// (type arrays, which some hosts refuse). That is what a validating client then holds each result to.
    /// </summary>
    private static void AbsentNotNull(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) AbsentNotNull(item);
            return;
        }
        if (node is not JsonObject schema) return;
        if (schema["properties"] is JsonObject properties)
        {
            var required = schema["required"] as JsonArray;
            foreach (var (name, property) in properties)
                if (DropNull(property) && required is not null)
                    foreach (var entry in required.Where(r => r?.GetValue<string>() == name).ToList()) required.Remove(entry);
            if (required is { Count: 0 }) schema.Remove("required");
        }
        DropNull(schema["items"]);
        foreach (var (_, child) in schema.ToList()) AbsentNotNull(child);
    }

    /// <summary>Takes null out of a schema's type or enum; true when it was there.</summary>
    private static bool DropNull(JsonNode? node)
    {
        if (node is not JsonObject schema) return false;
        var dropped = false;
        if (schema["type"] is JsonArray types && types.FirstOrDefault(t => t?.GetValue<string>() == "null") is { } nullType)
        {
            types.Remove(nullType);
            if (types.Count == 1) schema["type"] = types[0]!.GetValue<string>();
            dropped = true;
        }
        if (schema["enum"] is JsonArray values && values.Any(v => v is null))
        {
            foreach (var value in values.Where(v => v is null).ToList()) values.Remove(value);
            dropped = true;
        }
        return dropped;
    }
}

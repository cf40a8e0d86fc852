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
            // Without descriptions: they are in every mutating (destructive) tool, and the server's instructions say
            // once what they do; a refusal for want of confirm says it again.
            properties["dryRun"] = new JsonObject { ["type"] = "boolean" };
            if (destructive) properties["confirm"] = new JsonObject { ["type"] = "boolean" };
        }
        // Unknown arguments are refused by name when called; saying so in every schema would only cost tokens.
        schema.Remove("additionalProperties");
        return JsonSerializer.SerializeToElement(schema, McpJson.Default.JsonObject);
    }

    public static JsonElement Output(JsonTypeInfo result)
    {
        var schema = ObjectSchema(result);
        Outline(schema, schema, level: 0);
        return JsonSerializer.SerializeToElement(schema, McpJson.Default.JsonObject);
    }

    /// <summary>
    /// An output schema tells the model the result's shape, and every tool's schema is read into its context: so it
    /// names the result's properties and their types, and below that nothing: "an object", "an array" (still true of
    /// every result, and what a validating client checks). No items, required list, enum, additionalProperties or
    /// default: the model reads those in the result itself, and leaving them out is what keeps tools/list small.
    /// </summary>
    private static void Outline(JsonObject root, JsonObject schema, int level)
    {
        // A type seen before is exported as a "$ref" to its first place; the outline keeps only what it is (its
        // type), and the place it points at may be cut below.
        if (schema["$ref"]?.GetValue<string>() is { } pointer)
        {
            schema.Remove("$ref");
            var target = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)root, (at, part) => at is JsonObject o ? o[part] : null) as JsonObject;
            if (target?["type"] is { } type) schema["type"] = type.DeepClone();
            else if (target?["enum"] is JsonArray listed) schema["enum"] = listed.DeepClone();
        }
        if (schema["additionalProperties"] is JsonValue) schema.Remove("additionalProperties");
        schema.Remove("default");
        schema.Remove("required");
        if (schema["enum"] is JsonArray members)
        {
            schema.Remove("enum");
            if (schema["type"] is null && members.All(v => v?.GetValueKind() == JsonValueKind.String)) schema["type"] = "string";
        }
        if (schema["properties"] is JsonObject properties)
        {
            if (level > 0)
                schema.Remove("properties");
            else
                foreach (var (name, property) in properties.ToList())
                {
                    if (property is JsonObject child) Outline(root, child, level + 1);
                    // Any JSON (a JsonElement: plan apply's output of a saved call) exports as the schema `true`, which
                    // clients refuse as a property schema, and says nothing of its shape: left out (extra properties
                    // are allowed, so the result still conforms).
                    else properties.Remove(name);
                }
        }
        // A property that is a list is said by "array" alone: the model reads its items in the result.
        if (schema["items"] is JsonObject) schema.Remove("items");
        if (schema["additionalProperties"] is JsonObject values)
        {
            if (level > 0) schema.Remove("additionalProperties");
            else Outline(root, values, level + 1);
        }
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

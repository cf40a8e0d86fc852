using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>The input schema; mutating operations also take <c>dryRun</c>.</summary>
    public static JsonElement Input(JsonTypeInfo input, bool mutating)
    {
        var schema = ObjectSchema(input);
        if (mutating)
        {
            var properties = schema["properties"] as JsonObject ?? [];
            schema["properties"] = properties;
            properties["dryRun"] = new JsonObject
            {
                ["description"] = "Plan and report, change nothing; a multi-repo plan is saved and its planId can be passed to smctl_plan_apply",
                ["type"] = "boolean",
            };
        }
        return JsonSerializer.SerializeToElement(schema, McpJson.Default.JsonObject);
    }

    public static JsonElement Output(JsonTypeInfo result) => JsonSerializer.SerializeToElement(ObjectSchema(result), McpJson.Default.JsonObject);

    /// <summary>MCP wants a root of type "object": records export as ["object","null"], empty records without a type.</summary>
    private static JsonObject ObjectSchema(JsonTypeInfo type)
    {
        var schema = type.GetJsonSchemaAsNode(Exporter) as JsonObject ?? [];
        schema["type"] = "object";
        if (schema["properties"] is null) schema["properties"] = new JsonObject();
        return schema;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Errors;

namespace Smctl.Core.Operations.Inputs;

/// <summary>An input record that has rules across its options (one excludes another, one implies another).</summary>
public interface ICheckedInput
{
    /// <summary>Throws a usage error naming the options by <paramref name="label"/> (the front end's spelling of a JSON name).</summary>
    void Check(Func<string, string> label);
}

/// <summary>
/// The one way an operation's arguments become its input record, for the CLI and the MCP server alike: unknown and
/// ill-typed arguments are refused with one sentence each, then the record's own rules are checked. Only the name
/// of an argument differs between the faces ("--timeout" on the CLI, "timeoutSeconds" over MCP).
/// </summary>
public static class InputReader
{
    public static T Read<T>(JsonTypeInfo<T> type, JsonObject arguments, Func<InputField, string> label)
    {
        var fields = InputField.Of(type);
        var byName = fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);
        var clean = new JsonObject();
        foreach (var (key, value) in arguments)
        {
            if (!byName.TryGetValue(key, out var field))
                throw SmctlException.Usage($"unknown argument '{key}'.",
                    fields.Count == 0 ? "this takes no arguments" : "it takes: " + string.Join(", ", fields.Select(label)));
            if (value is null) continue; // null is "not given"
            clean[key] = Checked(field, value, label(field));
        }
        foreach (var missing in fields.Where(f => f.Required && clean[f.JsonName] is null))
            throw SmctlException.Usage($"{label(missing)} is required: {Lower(missing.Description)}.");
        T input;
        try
        {
            input = clean.Deserialize(type) ?? throw new JsonException("null input");
        }
        catch (JsonException e)
        {
            // Every value was checked above, so this is a rule of the record's own (e.g. a value out of range).
            throw SmctlException.Usage($"invalid arguments: {e.Message}");
        }
        if (input is ICheckedInput checkedInput)
            checkedInput.Check(json => byName.TryGetValue(json, out var f) ? label(f) : json);
        return input;
    }

    private static JsonNode Checked(InputField field, JsonNode value, string name)
    {
        var kind = value.GetValueKind();
        switch (field.Kind)
        {
            case FieldKind.Flag when kind is JsonValueKind.True or JsonValueKind.False:
            case FieldKind.Text when kind == JsonValueKind.String:
                return value.DeepClone();
            case FieldKind.Integer when kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out var number):
                return JsonValue.Create(number);
            case FieldKind.Choice when kind == JsonValueKind.String && field.Choices.Contains(value.GetValue<string>()):
                return value.DeepClone();
            case FieldKind.List when kind == JsonValueKind.Array && value.AsArray().All(v => v?.GetValueKind() == JsonValueKind.String):
                return value.DeepClone();
        }
        var expected = field.Kind switch
        {
            FieldKind.Flag => "true or false",
            FieldKind.Text => "a text",
            FieldKind.Integer => "a whole number",
            FieldKind.Choice => "one of " + string.Join(", ", field.Choices),
            _ => "a list of texts",
        };
        var shown = kind == JsonValueKind.String ? $"'{value.GetValue<string>()}'" : value.ToJsonString();
        if (shown.Length > 60) shown = shown[..57] + "...";
        throw SmctlException.Usage($"{name} must be {expected}, not {shown}.");
    }

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.') : text;
}

/// <summary>Rules that several inputs share, phrased once.</summary>
public static class InputRules
{
    /// <summary>A count or a number of seconds: at least 1 when given.</summary>
    public static void Positive(int? value, string label)
    {
        if (value is < 1) throw SmctlException.Usage($"{label} must be at least 1, not {value}.");
    }
}

using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Operations.Inputs;

/// <summary>The kinds of value an input property holds; every front end reads and checks them alike.</summary>
public enum FieldKind
{
    Flag,
    Text,
    Integer,
    /// <summary>One of a closed set: the property is an enum.</summary>
    Choice,
    /// <summary>A list of texts.</summary>
    List,
}

/// <summary>
/// One option of an operation, as its input record declares it: the JSON name the MCP schema uses, the CLI's
/// spelling, its help text, kind, allowed values, default, and whether it names a file (<see cref="WorkspacePathAttribute"/>). Derived from the source-generated contract, so
/// NativeAOT keeps it without reflection over the record.
/// </summary>
public sealed record InputField(
    string JsonName,
    string CliName,
    FieldKind Kind,
    bool Required,
    string Description,
    string? Alias,
    string? HelpName,
    int? Position,
    IReadOnlyList<string> Choices,
    string? Default,
    bool SpaceSeparated,
    bool CommaSeparated,
    Suggestions Suggest,
    WorkspacePathAttribute? WorkspacePath)
{
    /// <summary>The CLI's name for this field in a message: "--tag-message", or "&lt;id&gt;" for an argument.</summary>
    public string CliLabel => Position is null ? CliName : $"<{CliName}>";

    /// <summary>The fields of an input type, in declaration order (positional arguments by position first).</summary>
    public static IReadOnlyList<InputField> Of(JsonTypeInfo input) => Cache.GetOrAdd(input.Type, _ => Read(input));

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<InputField>> Cache = new();

    private static IReadOnlyList<InputField> Read(JsonTypeInfo input)
    {
        var fields = new List<InputField>();
        foreach (var property in input.Properties)
        {
            var attributes = property.AttributeProvider?.GetCustomAttributes(inherit: false) ?? [];
            var option = attributes.OfType<OptionAttribute>().FirstOrDefault();
            var argument = attributes.OfType<ArgumentAttribute>().FirstOrDefault();
            var description = attributes.OfType<DescriptionAttribute>().FirstOrDefault()?.Description
                ?? throw new InvalidOperationException($"{input.Type.Name}.{property.Name} has no [Description]");
            var (kind, choices, fallback) = KindOf(property.PropertyType, input.Options);
            var kebab = Kebab(property.Name);
            fields.Add(new InputField(
                JsonName: property.Name,
                CliName: argument is not null ? argument.Name ?? kebab : option?.Name ?? "--" + kebab,
                Kind: kind,
                Required: property.IsRequired,
                Description: description,
                Alias: option?.Alias,
                HelpName: option?.HelpName,
                Position: argument?.Position,
                Choices: choices,
                Default: fallback,
                SpaceSeparated: option?.SpaceSeparated ?? false,
                CommaSeparated: argument?.CommaSeparated ?? argument is null,
                Suggest: argument?.Suggest ?? option?.Suggest ?? Suggestions.None,
                WorkspacePath: attributes.OfType<WorkspacePathAttribute>().FirstOrDefault()));
        }
        return [.. fields.OrderBy(f => f.Position ?? int.MaxValue)];
    }

    private static (FieldKind, IReadOnlyList<string>, string?) KindOf(Type type, JsonSerializerOptions options)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var plain = nullable ?? type;
        if (plain == typeof(bool)) return (FieldKind.Flag, [], null);
        if (plain == typeof(string)) return (FieldKind.Text, [], null);
        if (plain == typeof(int)) return (FieldKind.Integer, [], null);
        if (type == typeof(IReadOnlyList<string>)) return (FieldKind.List, [], null);
        if (plain.IsEnum)
        {
            // The enum's JSON names, as the serializer writes them (its member-name attributes applied).
            var info = options.GetTypeInfo(plain);
            var names = Enum.GetValuesAsUnderlyingType(plain).Cast<object>()
                .Select(v => JsonSerializer.Serialize(Enum.ToObject(plain, v), info).Trim('"')).ToList();
            // A non-nullable enum that is not given takes its zero member: that is its default.
            return (FieldKind.Choice, names, nullable is null ? JsonSerializer.Serialize(Enum.ToObject(plain, 0), info).Trim('"') : null);
        }
        throw new InvalidOperationException($"input properties are flags, texts, integers, enums or lists of texts, not {type.Name}");
    }

    /// <summary>"tagMessage" → "tag-message".</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smctl.Core.Spec.Shared;

/// <summary>Whether a boolean marker of .openspec.yaml (skip_specs, retire_capabilities) is set, or why it cannot be honoured.</summary>
public sealed record ChangeMarker(bool Declared, string? InvalidReason = null);

/// <summary>
/// OpenSpec's change metadata (.openspec.yaml): its schema name, and its markers, honoured only when the file is
/// metadata the rest of the CLI would load (valid YAML, the metadata shape, a schema that exists).
/// </summary>
public static partial class ChangeMetadata
{
    public const string FileName = ".openspec.yaml";
    public const string BuiltInSchema = "spec-driven";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex CreatedDate();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    [GeneratedRegex(@"[\u0000-\u001f\u007f]")]
    private static partial Regex ControlCharacters();

    public static ChangeMarker SkipSpecs(string changeDir, string projectRoot) => Marker(changeDir, projectRoot, "skip_specs");

    public static ChangeMarker RetireCapabilities(string changeDir, string projectRoot) => Marker(changeDir, projectRoot, "retire_capabilities");

    private static ChangeMarker Marker(string changeDir, string projectRoot, string key)
    {
        var path = Path.Combine(changeDir, FileName);
        if (!File.Exists(path)) return new ChangeMarker(false);
        string raw;
        try { raw = SpecText.Read(path); }
        catch (IOException e) { return Unhonorable($"the metadata file cannot be read ({e.Message})"); }
        // A file that never names the key cannot set it, whatever else is wrong with it.
        if (!raw.Contains(key, StringComparison.Ordinal)) return new ChangeMarker(false);
        object? parsed;
        try { parsed = Yaml.Parse(raw); }
        catch (YamlException)
        {
            var mentioned = new Regex($@"^\s*(['""]?){key}\1\s*:", RegexOptions.Multiline).IsMatch(raw);
            return mentioned ? Unhonorable("the file is not valid YAML") : new ChangeMarker(false);
        }
        var problem = ShapeProblem(parsed);
        if (problem is null)
        {
            var map = (Dictionary<string, object?>)parsed!;
            if (map.GetValueOrDefault(key) is not true) return new ChangeMarker(false);
            var schema = (string)map["schema"]!;
            if (!Schemas.List(projectRoot).Contains(schema)) return Unhonorable($"schema: unknown schema '{schema}'");
            return Schemas.LoadProblem(schema, projectRoot) is { } load ? Unhonorable(load) : new ChangeMarker(true);
        }
        var markerMentioned = parsed is Dictionary<string, object?> m && m.TryGetValue(key, out var value) && value is not false;
        return markerMentioned ? Unhonorable(problem) : new ChangeMarker(false);
    }

    /// <summary>The schema the change uses: its .openspec.yaml's, else the project config's, else spec-driven.</summary>
    public static string SchemaOf(string changeDir, string projectRoot)
    {
        try
        {
            var path = Path.Combine(changeDir, FileName);
            if (File.Exists(path) && Yaml.Parse(SpecText.Read(path)) is Dictionary<string, object?> map && map.GetValueOrDefault("schema") is string { Length: > 0 } s) return s;
            var config = Path.Combine(projectRoot, "openspec", "config.yaml");
            if (File.Exists(config) && Yaml.Parse(SpecText.Read(config)) is Dictionary<string, object?> c && c.GetValueOrDefault("schema") is string { Length: > 0 } cs) return cs;
        }
        catch (YamlException) { }
        return BuiltInSchema;
    }

    private static ChangeMarker Unhonorable(string reason) => new(false, ControlCharacters().Replace(reason, "?"));

    /// <summary>The first problem of the metadata shape, as zod words it ("path: message"), or null.</summary>
    private static string? ShapeProblem(object? parsed)
    {
        if (parsed is not Dictionary<string, object?> map) return $"Invalid input: expected object, received {Yaml.TypeName(parsed)}";
        string? Expect(string key, string type, bool optional)
        {
            var present = map.TryGetValue(key, out var v);
            if (optional && (!present)) return null;
            var ok = type switch { "string" => v is string, "boolean" => v is bool, "array" => v is List<object?>, _ => v is Dictionary<string, object?> };
            return ok ? null : $"{key}: Invalid input: expected {type}, received {(present ? Yaml.TypeName(v) : "undefined")}";
        }
        if (Expect("schema", "string", false) is { } p) return p;
        if ((string)map["schema"]! == "") return "schema: schema is required";
        if (Expect("created", "string", true) is { } c) return c;
        if (map.GetValueOrDefault("created") is string created && !CreatedDate().IsMatch(created)) return "created: created must be YYYY-MM-DD format";
        if (Expect("goal", "string", true) is { } g) return g;
        if (map.GetValueOrDefault("goal") is "") return "goal: Too small: expected string to have >=1 characters";
        if (Expect("affected_areas", "array", true) is { } a) return a;
        if (map.GetValueOrDefault("affected_areas") is List<object?> areas)
            for (var i = 0; i < areas.Count; i++)
                if (areas[i] is not string { Length: > 0 }) return areas[i] is string ? $"affected_areas.{i}: Too small: expected string to have >=1 characters"
                    : $"affected_areas.{i}: Invalid input: expected string, received {Yaml.TypeName(areas[i])}";
        if (Expect("initiative", "object", true) is { } n) return n;
        if (map.GetValueOrDefault("initiative") is Dictionary<string, object?> initiative)
            foreach (var (field, label) in new[] { ("store", "Store id"), ("id", "Initiative id") })
            {
                if (initiative.GetValueOrDefault(field) is not string text) return $"initiative.{field}: Invalid input: expected string, received {Yaml.TypeName(initiative.GetValueOrDefault(field))}";
                if (!Kebab().IsMatch(text)) return $"initiative.{field}: {label} must be kebab-case with lowercase letters, numbers, and single hyphen separators";
            }
        return Expect("skip_specs", "boolean", true) ?? Expect("retire_capabilities", "boolean", true);
    }
}

/// <summary>The workflow schemas OpenSpec knows: the built-in spec-driven, the user's, and the project's own.</summary>
public static class Schemas
{
    public static IReadOnlySet<string> List(string projectRoot)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ChangeMetadata.BuiltInSchema };
        foreach (var dir in new[] { UserDir(), Path.Combine(projectRoot, "openspec", "schemas") })
            if (Directory.Exists(dir))
                foreach (var d in Directory.EnumerateDirectories(dir))
                    if (File.Exists(Path.Combine(d, "schema.yaml"))) names.Add(Path.GetFileName(d));
        return names;
    }

    /// <summary>Where the schema is defined when it is not the built-in one (the project's first, then the user's).</summary>
    public static string? CustomDir(string name, string projectRoot) =>
        new[] { Path.Combine(projectRoot, "openspec", "schemas", name), Path.Combine(UserDir(), name) }.FirstOrDefault(d => File.Exists(Path.Combine(d, "schema.yaml")));

    /// <summary>Null when the schema loads; else why not, in OpenSpec's words.</summary>
    public static string? LoadProblem(string name, string projectRoot)
    {
        if (CustomDir(name, projectRoot) is not { } dir) return null;
        var path = Path.Combine(dir, "schema.yaml");
        try
        {
            return Yaml.Parse(SpecText.Read(path)) is Dictionary<string, object?> ? null : $"Invalid schema at '{path}': expected a mapping";
        }
        catch (YamlException e) { return $"Failed to parse schema at '{path}': {e.Message}"; }
    }

    private static string UserDir()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = xdg is { Length: > 0 } ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "openspec", "schemas");
    }
}

/// <summary>YAML read into plain values (maps, lists, strings, booleans, numbers, null) with the YAML 1.2 core schema, as the npm yaml package reads it.</summary>
public static partial class Yaml
{
    [GeneratedRegex(@"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex Number();

    /// <summary>The first document's value (null for an empty file); a syntax error throws YamlException.</summary>
    public static object? Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Value(stream.Documents[0].RootNode);
    }

    private static object? Value(YamlNode node) => node switch
    {
        YamlMappingNode map => Map(map),
        YamlSequenceNode seq => seq.Children.Select(Value).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value ?? ""),
        YamlScalarNode s => s.Value ?? "",
        _ => null,
    };

    private static Dictionary<string, object?> Map(YamlMappingNode node)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
            if (!map.TryAdd(name, Value(value))) throw new YamlException(key.Start, key.End, $"Map keys must be unique: {name}");
        }
        return map;
    }

    private static object? Plain(string v) => v switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ when Number().IsMatch(v) => 0d,
        _ => v,
    };

    /// <summary>The type name zod reports for a value.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        double => "number",
        List<object?> => "array",
        _ => "object",
    };
}

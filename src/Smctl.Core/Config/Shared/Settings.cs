using System.Globalization;
using Smctl.Core.Errors;
using Smctl.Core.Toml;

namespace Smctl.Core.Config.Shared;

/// <summary>A setting's effective value and where it came from.</summary>
public sealed record ResolvedSetting(string Key, object? Value, string Origin);

/// <summary>
/// Layered configuration: flags &gt; SMCTL_* environment &gt; .smctl/workspace.toml &gt; user config &gt; defaults.
/// </summary>
public sealed class Settings(
    Dictionary<string, (object Value, ValueOrigin Origin)> flags,
    Dictionary<string, (object Value, ValueOrigin Origin)> environment,
    Dictionary<string, (object Value, ValueOrigin Origin)> workspace,
    Dictionary<string, (object Value, ValueOrigin Origin)> user)
{
    private readonly Dictionary<string, (object Value, ValueOrigin Origin)>[] _layers = [flags, environment, workspace, user];

    public static Settings Empty { get; } = new([], [], [], []);

    /// <summary>The same flags, environment and user layers with a workspace manifest's layer added.</summary>
    public Settings WithWorkspace(Dictionary<string, (object Value, ValueOrigin Origin)> workspace) =>
        new(_layers[0], _layers[1], workspace, _layers[3]);

    public ResolvedSetting Resolve(ConfigKey key)
    {
        foreach (var values in _layers)
            if (values.TryGetValue(key.Name, out var hit)) return new ResolvedSetting(key.Name, hit.Value, hit.Origin.ToString());
        if (key == ConfigKeys.Editor && Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } editor)
            return new ResolvedSetting(key.Name, editor, "env:EDITOR");
        if (key == ConfigKeys.Jobs) return new ResolvedSetting(key.Name, (long)Environment.ProcessorCount, "default (core count)");
        return new ResolvedSetting(key.Name, key.Default, "default");
    }

    public string? String(ConfigKey key) => Resolve(key).Value as string;
    public string Text(ConfigKey key) => String(key) ?? (string?)key.Default ?? "";
    public int Integer(ConfigKey key) => Convert.ToInt32(Resolve(key).Value ?? 0, CultureInfo.InvariantCulture);
    public bool Boolean(ConfigKey key) => Resolve(key).Value is true;
    public IReadOnlyList<string> List(ConfigKey key) => Resolve(key).Value is IEnumerable<object?> items ? [.. items.OfType<string>()] : [];

    /// <summary>The flags layer: values given on the command line for keys that have a flag.</summary>
    public static Dictionary<string, (object, ValueOrigin)> FlagLayer(IEnumerable<(ConfigKey Key, object? Value, string Flag)> flags)
    {
        var layer = new Dictionary<string, (object, ValueOrigin)>();
        foreach (var (key, value, flag) in flags)
            if (value is not null) layer[key.Name] = (value, new ValueOrigin($"flag:{flag}"));
        return layer;
    }

    /// <summary>The environment layer: SMCTL_&lt;KEY&gt; for every known key that is set.</summary>
    public static Dictionary<string, (object, ValueOrigin)> EnvironmentLayer(Func<string, string?> getenv)
    {
        var layer = new Dictionary<string, (object, ValueOrigin)>();
        foreach (var key in ConfigKeys.All)
        {
            if (getenv(key.EnvironmentVariable) is not { } raw) continue;
            var origin = new ValueOrigin($"env:{key.EnvironmentVariable}");
            layer[key.Name] = (ParseText(key, raw, origin.Source), origin);
        }
        return layer;
    }

    /// <summary>A file layer: the known keys among a TOML file's entries, type-checked with file:line:col errors.</summary>
    public static Dictionary<string, (object, ValueOrigin)> FileLayer(IEnumerable<TomlEntry> entries, ConfigScope scope, ErrorKind kind, List<string> warnings)
    {
        var layer = new Dictionary<string, (object, ValueOrigin)>();
        foreach (var entry in entries)
        {
            if (entry.Index >= 0) continue;
            var key = ConfigKeys.Find(entry.FullKey);
            if (key is null)
            {
                if (!ConfigKeys.ReservedTables.Contains(entry.Table))
                    warnings.Add($"{entry.Origin}: unknown key '{entry.FullKey}' is ignored");
                continue;
            }
            if ((key.Scope & scope) == 0)
            {
                warnings.Add($"{entry.Origin}: '{key.Name}' belongs in the {(key.Scope == ConfigScope.Workspace ? "workspace manifest" : "user config")} and is ignored here");
                continue;
            }
            layer[key.Name] = (CheckType(key, entry.Value, entry.TomlKind, entry.Origin, kind), entry.Origin);
        }
        return layer;
    }

    /// <summary>Converts text (a flag, a variable, <c>config set</c>) to the key's type, or says why it cannot.</summary>
    public static object ParseText(ConfigKey key, string raw, string where)
    {
        switch (key.Type)
        {
            case ConfigType.Integer:
                if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= key.Maximum) return n;
                throw SmctlException.Usage($"{where}: '{key.Name}' must be {Article(key)}, not '{raw}'.");
            case ConfigType.Boolean:
                if (raw is "true" or "1" or "yes" or "on") return true;
                if (raw is "false" or "0" or "no" or "off") return false;
                throw SmctlException.Usage($"{where}: '{key.Name}' must be true or false, not '{raw}'.");
            case ConfigType.List:
                return raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Cast<object?>().ToList();
            case ConfigType.Choice:
                if (key.Choices!.Contains(raw)) return raw;
                throw SmctlException.Usage($"{where}: '{key.Name}' must be {key.TypeName}, not '{raw}'.");
            default:
                return raw;
        }
    }

    private static object CheckType(ConfigKey key, object? value, string tomlKind, ValueOrigin origin, ErrorKind kind)
    {
        var ok = key.Type switch
        {
            ConfigType.Integer => value is long n && n > 0 && n <= key.Maximum,
            ConfigType.Boolean => value is bool,
            ConfigType.Choice => value is string s && key.Choices!.Contains(s),
            ConfigType.List => value is IEnumerable<object?> items && items.All(i => i is string),
            _ => value is string,
        };
        if (!ok)
        {
            var shown = value switch { string s2 => $"'{s2}'", long n2 when key.Type == ConfigType.Integer => n2.ToString(CultureInfo.InvariantCulture), _ => $"a {tomlKind}" };
            throw new SmctlException(kind, $"{origin}: '{key.Name}' must be {Article(key)}, not {shown}.",
                suggestion: $"write for example: {key.Leaf} = {Example(key)}");
        }
        return value!;
    }

    private static string Article(ConfigKey key) => key.Type switch
    {
        ConfigType.Integer => $"a positive integer no larger than {key.Maximum.ToString(CultureInfo.InvariantCulture)}",
        ConfigType.Boolean => "true or false",
        ConfigType.Choice => key.TypeName,
        ConfigType.List => "a list of strings",
        _ => "a string",
    };

    private static string Example(ConfigKey key) => key.Type switch
    {
        ConfigType.Integer => "4",
        ConfigType.Boolean => "true",
        ConfigType.Choice => TomlFile.Quote(key.Choices![0]),
        ConfigType.List => "[\"http://127.0.0.1:8080\"]",
        _ => TomlFile.Quote(key.Default as string ?? "value"),
    };
}

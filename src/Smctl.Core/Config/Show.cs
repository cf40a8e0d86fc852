using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Operations;

namespace Smctl.Core.Config;

public sealed record ConfigShowInput;

public sealed record ConfigValue(string Key, string? Value, string Origin, string Type, string Description);

public sealed record ConfigShowResult(string UserConfig, string? WorkspaceManifest, IReadOnlyList<ConfigValue> Values);

/// <summary>Every setting's effective value and which flag, variable or file it came from.</summary>
public sealed class ConfigShow : IOperation<ConfigShowInput, ConfigShowResult>
{
    public OperationInfo Info { get; } = new("config.show", "Show every setting's value and where it came from (flag, environment, manifest, user config, default).",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<ConfigShowInput> InputJson => SmctlJson.Default.ConfigShowInput;
    public JsonTypeInfo<ConfigShowResult> ResultJson => SmctlJson.Default.ConfigShowResult;

    public Task<ConfigShowResult> RunAsync(SmctlContext context, ConfigShowInput input, CancellationToken ct)
    {
        var settings = context.Settings;
        var values = ConfigKeys.All.Select(k => ToValue(k, settings.Resolve(k))).ToList();
        return Task.FromResult(new ConfigShowResult(context.UserConfigFile, context.FindManifest(), values));
    }

    public static ConfigValue ToValue(ConfigKey key, ResolvedSetting resolved) =>
        new(key.Name, Format(resolved.Value), resolved.Origin, key.TypeName, key.Description);

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IEnumerable<object?> items => string.Join(",", items),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}

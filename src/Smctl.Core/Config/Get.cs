using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Config;

public sealed record ConfigGetInput
{
    [Description("A setting name, like flow.main_branch (config show lists them)")]
    [Argument(0, Suggest = Suggestions.ConfigKeys)]
    public required string Key { get; init; }
}

/// <summary>One setting's effective value and origin.</summary>
public sealed class ConfigGet : IOperation<ConfigGetInput, ConfigValue>
{
    public OperationInfo Info { get; } = new("config.get", "Print one setting's effective value.", OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<ConfigGetInput> InputJson => SmctlJson.Default.ConfigGetInput;
    public JsonTypeInfo<ConfigValue> ResultJson => SmctlJson.Default.ConfigValue;

    public Task<ConfigValue> RunAsync(SmctlContext context, ConfigGetInput input, CancellationToken ct)
    {
        var key = Known(input.Key);
        return Task.FromResult(ConfigShow.ToValue(key, context.Settings.Resolve(key)));
    }

    public static ConfigKey Known(string name) => ConfigKeys.Find(name)
        ?? throw SmctlException.Usage($"'{name}' is not a setting smctl knows.", $"known settings: {string.Join(", ", ConfigKeys.All.Select(k => k.Name))}");
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Toml;

namespace Smctl.Core.Config;

public sealed record ConfigSetInput
{
    [Description("A setting name, like flow.main_branch (config show lists them)")]
    [Argument(0, Suggest = Suggestions.ConfigKeys)]
    public required string Key { get; init; }
    [Description("The new value (TOML types are inferred from the key)")]
    [Argument(1)]
    public required string Value { get; init; }
    [Description("Which file to write (default: the manifest if the key may live there)")]
    public SettingsFile? Scope { get; init; }
}

/// <summary>The two files settings are written to.</summary>
public enum SettingsFile
{
    [JsonStringEnumMemberName("workspace")] Workspace,
    [JsonStringEnumMemberName("user")] User,
}

public sealed record ConfigSetResult(string Key, string Value, string File, string Scope);

/// <summary>Writes one setting into workspace.toml or the user config, keeping the file's comments and layout.</summary>
public sealed class ConfigSet : IOperation<ConfigSetInput, ConfigSetResult>
{
    public OperationInfo Info { get; } = new("config.set", "Set a setting in workspace.toml or the user config, keeping comments and layout.",
        OperationEffect.Mutating, Idempotent: true);

    public JsonTypeInfo<ConfigSetInput> InputJson => SmctlJson.Default.ConfigSetInput;
    public JsonTypeInfo<ConfigSetResult> ResultJson => SmctlJson.Default.ConfigSetResult;

    public Task<ConfigSetResult> RunAsync(SmctlContext context, ConfigSetInput input, CancellationToken ct)
    {
        var key = ConfigGet.Known(input.Key);
        var value = Settings.ParseText(key, input.Value, "config set");
        var manifest = context.FindManifest();
        var scope = input.Scope switch
        {
            SettingsFile.User => ConfigScope.User,
            SettingsFile.Workspace => ConfigScope.Workspace,
            _ => manifest is not null && key.Scope.HasFlag(ConfigScope.Workspace) ? ConfigScope.Workspace : ConfigScope.User,
        };
        if (!key.Scope.HasFlag(scope))
            throw SmctlException.Usage($"'{key.Name}' can only be set in the {(key.Scope == ConfigScope.Workspace ? "workspace manifest" : "user config")}.");
        string path;
        if (scope == ConfigScope.Workspace)
            path = manifest ?? throw SmctlException.Workspace("writing to the workspace manifest needs a workspace, and none was found here", "run 'smctl workspace init' or pass -w PATH");
        else
        {
            path = context.UserConfigFile;
            context.RequireWriteBeyondWorkspace(path, "the user config");
        }

        var isManifest = scope == ConfigScope.Workspace;
        // The whole file must still read correctly before it replaces the user's.
        TomlFile.Edit(path, Workspace.Shared.SmctlLayout.WriteLockOf(path), isManifest ? ErrorKind.Workspace : ErrorKind.General, "# smctl user configuration (see 'smctl config show --origin')\n",
            file => file.Set(key.Table, key.Leaf, TomlFile.Literal(value)), text => ConfigFileCheck.Check(path, text, isManifest), context.DryRun);
        if (!context.DryRun) context.Reload();
        var shownScope = isManifest ? "workspace" : "user";
        return Task.FromResult(new ConfigSetResult(key.Name, input.Value, path, shownScope));
    }
}

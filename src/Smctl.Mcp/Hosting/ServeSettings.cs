using Microsoft.Extensions.Logging;
using Smctl.Core;

namespace Smctl.Mcp.Hosting;

/// <summary>Where the server runs and how it reaches the world; every tool call gets a fresh context from it, as every CLI run does.</summary>
public sealed class ServeSettings
{
    public required string CurrentDirectory { get; init; }
    /// <summary>-w, else SMCTL_WORKSPACE.</summary>
    public string? WorkspacePath { get; init; }
    public string? UserConfigPath { get; init; }
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;
    public required ILoggerFactory LoggerFactory { get; init; }
    /// <summary>--allow-user-config: tools may write the user config and clients' user-wide settings too.</summary>
    public bool AllowUserConfig { get; init; }
    /// <summary>--toolsets: what each session lists at its start (smctl_toolset_enable adds others).</summary>
    public IReadOnlyList<Smctl.Mcp.Tools.Toolset> Toolsets { get; init; } = Smctl.Mcp.Tools.Toolsets.Parse(null);

    /// <summary>The folder tools may touch: the workspace root when there is a workspace, else where the server started.</summary>
    public string Root => NewContext(dryRun: false).FindHome() ?? Path.GetFullPath(WorkspacePath ?? CurrentDirectory, CurrentDirectory);

    /// <summary>
    /// A call's context. What smctl itself would ask before (deleting files, giving up a run's work) is refused unless
    /// the call says <paramref name="confirmed"/> (its confirm argument, which a model sets once its user agreed) or
    /// <paramref name="ask"/> puts the question to the user (elicitation) and they agree: a host's approval of a
    /// tool is not the user's answer to that question.
    /// </summary>
    public SmctlContext NewContext(bool dryRun, Action<ProgressEvent>? progress = null, Action<string>? warn = null, bool confirmed = false,
        Func<string, bool>? ask = null) => new()
        {
            CurrentDirectory = CurrentDirectory,
            WorkspacePath = WorkspacePath,
            UserConfigPath = UserConfigPath,
            GetEnvironment = GetEnvironment,
            DryRun = dryRun,
            SavePlan = dryRun,
            Confirm = question => confirmed || (ask?.Invoke(question) ?? false),
            MayWriteBeyondWorkspace = AllowUserConfig,
            ConfirmHint = "ask the user; if they agree, call again with confirm: true",
            OptionSpelling = (json, flag) => flag ? json + ": true" : json,
            FindOperation = Smctl.Core.Catalog.OperationCatalog.Named,
            Progress = progress ?? (_ => { }),
            Warn = warn ?? (_ => { }),
        };
}

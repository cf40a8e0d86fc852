using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core;

/// <summary>A progress event of a multi-repo operation: one repo reached a phase.</summary>
/// <remarks>An event with <see cref="Total"/> set announces how many repos the work covers (an overall progress line).</remarks>
public sealed record ProgressEvent(string Repo, string Phase, bool Finished = false, bool Failed = false, string? Detail = null, int? Total = null);

/// <summary>
/// Everything an operation may touch of the world: the folder it runs from, the environment, git, the
/// user's answer to a confirmation, and where to report progress. Front ends fill it; operations only read it.
/// </summary>
public sealed class SmctlContext
{
    private Workspace.Shared.Workspace? _workspace;
    private Settings? _settings;

    public required string CurrentDirectory { get; init; }
    /// <summary>-w/--workspace, else SMCTL_WORKSPACE.</summary>
    public string? WorkspacePath { get; init; }
    /// <summary>-c/--config: the user config file to use instead of the default.</summary>
    public string? UserConfigPath { get; init; }
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;
    /// <summary>Settings given as flags (the top layer).</summary>
    public Dictionary<string, (object, ValueOrigin)> FlagSettings { get; init; } = [];
    /// <summary>The git runner, stopping a stalled fetch, clone or push after this workspace's core.network_timeout.</summary>
    public GitRunner Git
    {
        get => _git ??= _baseGit.WithNetworkStall(TimeSpan.FromSeconds(Settings.Integer(ConfigKeys.NetworkTimeout)));
        init => _baseGit = value;
    }

    private readonly GitRunner _baseGit = new();
    private GitRunner? _git;
    /// <summary>Asks the user to confirm a destructive step; false means do not do it.</summary>
    public Func<string, bool> Confirm { get; init; } = _ => false;
    public Action<ProgressEvent> Progress { get; init; } = _ => { };
    public Action<string> Warn { get; init; } = _ => { };
    /// <summary>An operation by its dotted name, for 'plan apply' of a saved call; the front ends give the catalog's.</summary>
    public Func<string, Operations.IOperation?> FindOperation { get; init; } = _ => null;
    /// <summary>Plan and report, change nothing.</summary>
    public bool DryRun { get; init; }
    /// <summary>Ref snapshots validation just took (after its fetch), by repo folder: the run's "before" needs no second read.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Plans.RefSnapshot> FreshSnapshots { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentBag<IDisposable> _handles = [];

    /// <summary>Keeps a handle an operation opened for its reads (a repo's libgit2 handle) until <see cref="CloseHandles"/>.</summary>
    public T Own<T>(T handle) where T : IDisposable
    {
        _handles.Add(handle);
        return handle;
    }

    /// <summary>Closes what <see cref="Own"/> kept: the operation that read through them is over.</summary>
    public void CloseHandles()
    {
        while (_handles.TryTake(out var handle)) handle.Dispose();
    }

    /// <summary>With DryRun: keep the plan under .smctl/plans/ for 'plan apply'.</summary>
    public bool SavePlan { get; init; }
    /// <summary>Where commands' output lines go as they arrive (repo, line, is-stderr), when the front end streams.</summary>
    public Action<string, string, bool>? OutputLine { get; init; }

    /// <summary>
    /// Whether this run may write files beyond the workspace (the user config, a client's user-wide settings). The
    /// CLI may; an MCP server only when started so, since the user config holds the editor 'config edit' runs.
    /// </summary>
    public bool MayWriteBeyondWorkspace { get; init; } = true;

    /// <summary>Refuses a write beyond the workspace when this run may not make one.</summary>
    public void RequireWriteBeyondWorkspace(string path, string what)
    {
        if (!MayWriteBeyondWorkspace)
            throw SmctlException.Usage($"this MCP server may not write {what} ({path}): it is outside the workspace",
                "start the server with --allow-user-config, or do it in a terminal");
    }

    /// <summary>
    /// How this front end spells an option in a hint, by its JSON name: the CLI's "--no-fetch", an MCP call's
    /// "noFetch". A flag reads "--force" on the CLI and "force: true" over MCP.
    /// </summary>
    public Func<string, bool, string> OptionSpelling { get; init; } = (json, _) => "--" + Operations.Inputs.InputField.Kebab(json);

    /// <summary>An option's name in a hint ("--name NAME" / "name").</summary>
    public string Option(string json) => OptionSpelling(json, false);

    /// <summary>A flag to pass, in a hint ("--force" / "force: true").</summary>
    public string Flag(string json) => OptionSpelling(json, true);

    /// <summary>How this front end confirms without being asked (the CLI's --yes, an MCP call's confirm).</summary>
    public string ConfirmHint { get; init; } = "confirm it to go on";

    /// <summary>Asks before a destructive step; a refusal is one clear error, says what was asked, and nothing has changed yet.</summary>
    public void RequireConfirmation(string question, string? repo = null)
    {
        if (!Confirm(question))
            throw new SmctlException(ErrorKind.General, $"not confirmed: {question} Nothing was changed.", ConfirmHint, repo);
    }

    /// <summary>The user config file: -c, else $XDG_CONFIG_HOME/smctl/config.toml, else ~/.config/smctl/config.toml.</summary>
    public string UserConfigFile
    {
        get
        {
            if (UserConfigPath is { Length: > 0 }) return Path.GetFullPath(UserConfigPath, CurrentDirectory);
            var xdg = GetEnvironment("XDG_CONFIG_HOME");
            var baseDir = xdg is { Length: > 0 } ? xdg : Path.Combine(GetEnvironment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(baseDir, "smctl", "config.toml");
        }
    }

    /// <summary>The manifest path when a workspace can be found, else null.</summary>
    public string? FindManifest() => Workspace.Shared.Workspace.Locate(WorkspacePath, CurrentDirectory);

    /// <summary>The folder holding .smctl/ when a workspace can be found, else null.</summary>
    public string? FindHome() => FindManifest() is { } manifest ? Path.GetDirectoryName(Path.GetDirectoryName(manifest)) : null;

    /// <summary>The workspace, loaded once; a clear workspace error when there is none.</summary>
    public Workspace.Shared.Workspace RequireWorkspace()
    {
        if (_workspace is not null) return _workspace;
        var manifest = FindManifest() ?? throw SmctlException.Workspace(
            $"not in an smctl workspace: no {SmctlLayout.FolderName}/{SmctlLayout.ManifestName} in {CurrentDirectory} or any folder above it",
            "run 'smctl workspace init' here, pass -w PATH, or set SMCTL_WORKSPACE");
        _workspace = Workspace.Shared.Workspace.Load(manifest, _ => BaseSettings());
        foreach (var w in _workspace.Warnings) Warn(w);
        return _workspace;
    }

    /// <summary>Effective settings: with the workspace layer when in a workspace, without it elsewhere.</summary>
    public Settings Settings => _settings ??= FindManifest() is not null ? RequireWorkspace().Settings : BaseSettings();

    /// <summary>Forgets the loaded workspace (after an operation rewrote the manifest).</summary>
    public void Reload()
    {
        _workspace = null;
        _settings = null;
        _git = null;
    }

    public int Jobs => Math.Max(1, Settings.Integer(ConfigKeys.Jobs));

    /// <summary>Parallelism for work that waits on remotes (fetch, clone, push): its own setting, unless -j was given.</summary>
    public int NetworkJobs => Settings.Resolve(ConfigKeys.Jobs).Origin.StartsWith("flag:", StringComparison.Ordinal)
        ? Jobs : Math.Max(1, Settings.Integer(ConfigKeys.NetworkJobs));

    /// <summary>The same context for planning only (DryRun, no saved plan): how a command checks what a later step will refuse.</summary>
    public SmctlContext Planning() => new()
    {
        CurrentDirectory = CurrentDirectory, WorkspacePath = WorkspacePath, UserConfigPath = UserConfigPath, GetEnvironment = GetEnvironment,
        FlagSettings = FlagSettings, Git = Git, Confirm = Confirm, ConfirmHint = ConfirmHint, OptionSpelling = OptionSpelling, MayWriteBeyondWorkspace = MayWriteBeyondWorkspace, Progress = Progress, Warn = Warn, OutputLine = OutputLine,
        FindOperation = FindOperation,
        DryRun = true, _workspace = _workspace, _settings = _settings,
    };

    /// <summary>
    /// The git runner for changing one repo: when the repo (with the user's global git config) has no identity, every
    /// commit, merge and tag smctl makes there takes the user config's (ARCHITECTURE.md, "Configuration"). As -c
    /// settings, so GIT_AUTHOR_* and GIT_COMMITTER_* in the environment still win, as they do over any git config.
    /// </summary>
    public GitRunner GitFor(string repoPath)
    {
        var args = new List<string>();
        if (Settings.String(ConfigKeys.UserName) is { Length: > 0 } name) args.AddRange(["-c", $"user.name={name}"]);
        if (Settings.String(ConfigKeys.UserEmail) is { Length: > 0 } email) args.AddRange(["-c", $"user.email={email}"]);
        // The repo's config is read only when there is a fallback to give, and once per repo per command
        // (a command asks for each repo's runner several times: validation, snapshots, steps, restore).
        if (args.Count == 0) return Git;
        return _gitFor.GetOrAdd(repoPath, path => Core.Git.RepoReader.ConfigUnder(path, "user.email").Count > 0 ? Git : Git.With(configArgs: args));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GitRunner> _gitFor = new(StringComparer.Ordinal);

    /// <summary>flags, environment, then (added by the workspace) the manifest, then the user config.</summary>
    private Settings BaseSettings()
    {
        var warnings = new List<string>();
        var user = new Dictionary<string, (object, ValueOrigin)>();
        var userFile = UserConfigFile;
        if (File.Exists(userFile))
            user = Settings.FileLayer(TomlFile.Load(userFile, ErrorKind.General).Entries(), ConfigScope.User, ErrorKind.General, warnings);
        else if (UserConfigPath is { Length: > 0 })
            throw new SmctlException(ErrorKind.Usage, $"config file {userFile} does not exist", suggestion: "check the -c/--config path");
        foreach (var w in warnings) Warn(w);
        return new Settings(FlagSettings, Settings.EnvironmentLayer(GetEnvironment), [], user);
    }
}

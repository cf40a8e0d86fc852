namespace Smctl.Core.Config.Shared;

public enum ConfigType { String, Integer, Boolean, Choice, List }

/// <summary>Which files may hold a key.</summary>
[Flags]
public enum ConfigScope { Workspace = 1, User = 2, Both = Workspace | User }

/// <summary>One setting smctl knows: its dotted name, type, default and meaning.</summary>
public sealed record ConfigKey(string Name, ConfigType Type, string Description, object? Default = null,
    ConfigScope Scope = ConfigScope.Both, string[]? Choices = null, long Maximum = ConfigKey.IntegerMaximum)
{
    /// <summary>The largest value an integer key takes unless it names its own: anything it counts fits in an int.</summary>
    public const long IntegerMaximum = int.MaxValue;
    /// <summary>More workers than this only adds processes fighting for the same cores and file handles.</summary>
    public const long MostJobs = 1024;

    public string Table => Name.Contains('.') ? Name[..Name.LastIndexOf('.')] : "";
    public string Leaf => Name.Contains('.') ? Name[(Name.LastIndexOf('.') + 1)..] : Name;
    /// <summary>The environment variable that overrides it: SMCTL_ plus the name in upper case, dots as underscores.</summary>
    public string EnvironmentVariable => "SMCTL_" + Name.Replace('.', '_').ToUpperInvariant();
    public string TypeName => Type switch
    {
        ConfigType.Integer => "integer",
        ConfigType.Boolean => "boolean",
        ConfigType.Choice => "one of " + string.Join(", ", Choices ?? []),
        ConfigType.List => "list of strings",
        _ => "string",
    };
}

/// <summary>The settings smctl reads from flags, SMCTL_* variables, workspace.toml and the user config.</summary>
public static class ConfigKeys
{
    public static readonly ConfigKey WorkspaceName = new("workspace.name", ConfigType.String, "Name of the workspace.", Scope: ConfigScope.Workspace);
    public static readonly ConfigKey WorkspaceRoot = new("workspace.root", ConfigType.String, "Folder the repo paths are relative to, relative to the folder holding .smctl/.", ".", ConfigScope.Workspace);
    public static readonly ConfigKey Jobs = new("core.jobs", ConfigType.Integer, "How many repos are worked on at once (default: the number of cores).",
        Maximum: ConfigKey.MostJobs);
    public static readonly ConfigKey NetworkJobs = new("core.network_jobs", ConfigType.Integer,
        "How many repos fetch, clone or push at once: network-bound work waits on the remote, not the cores (-j sets both).", 8L,
        Maximum: ConfigKey.MostJobs);
    public static readonly ConfigKey NetworkTimeout = new("core.network_timeout", ConfigType.Integer,
        "Seconds a fetch, clone, push or ls-remote may go without progress (connecting included) before smctl stops it.", 120L,
        Maximum: 86_400);
    public static readonly ConfigKey FlowModel = new("flow.model", ConfigType.Choice, "Branch model.", "git-flow", Choices: ["git-flow", "trunk"]);
    public static readonly ConfigKey MainBranch = new("flow.main_branch", ConfigType.String, "The production branch.", "main");
    public static readonly ConfigKey DevelopBranch = new("flow.develop_branch", ConfigType.String, "The integration branch.", "develop");
    public static readonly ConfigKey FeaturePrefix = new("flow.feature_prefix", ConfigType.String, "Prefix of feature branches.", "feature/");
    public static readonly ConfigKey ReleasePrefix = new("flow.release_prefix", ConfigType.String, "Prefix of release branches.", "release/");
    public static readonly ConfigKey HotfixPrefix = new("flow.hotfix_prefix", ConfigType.String, "Prefix of hotfix branches.", "hotfix/");
    public static readonly ConfigKey TagPrefix = new("flow.tag_prefix", ConfigType.String, "Prefix of release tags (a repo's own tags or its tag_prefix win).", "v");
    public static readonly ConfigKey FlowFinish = new("flow.finish", ConfigType.Choice,
        "How a feature finishes: merge (locally, then push) or propose (push it for a pull request; finish cleans up once merged).", "merge", Choices: ["merge", "propose"]);
    public static readonly ConfigKey WorktreeBaseDir = new("worktree.base_dir", ConfigType.String, "Where worktree sets are made, relative to the workspace root.", ".worktrees");
    public static readonly ConfigKey SharedTargetDir = new("worktree.shared_target_dir", ConfigType.String, "One build output folder shared by every worktree (off when unset).");
    public static readonly ConfigKey OpenspecDir = new("spec.openspec_dir", ConfigType.String, "The OpenSpec root, relative to the workspace root (default: the smctl_home repo's openspec/).");
    public static readonly ConfigKey SpecSafety = new("spec.safety", ConfigType.Choice, "Safety class of a change that names none in its .smctl.toml; critical and high changes must reference formal artifacts.", "normal",
        Choices: [.. Enum.GetNames<SafetyClass>().Select(n => n.ToLowerInvariant())]);
    public static readonly ConfigKey SpecFormalKinds = new("spec.formal_kinds", ConfigType.String, "File extensions that count as formal artifacts, comma-separated.", ".tla,.lean");
    public static readonly ConfigKey GateInstances = new("gate.instances", ConfigType.List,
        "The ModelGate (or other Open Inference Protocol server) instances 'smctl gate' talks to (default: http://127.0.0.1:8080).");
    public static readonly ConfigKey UserName = new("user.name", ConfigType.String, "Author name for commits smctl makes where a repo has no identity.");
    public static readonly ConfigKey UserEmail = new("user.email", ConfigType.String, "Author email for commits smctl makes where a repo has no identity.");
    public static readonly ConfigKey Editor = new("editor", ConfigType.String, "Editor for 'config edit' (else $EDITOR, else vi).");
    public static readonly ConfigKey ReleaseMode = new("release.mode", ConfigType.Choice, "lockstep: one version for every repo; independent: each repo its own.", "independent", Choices: ["lockstep", "independent"]);
    public static readonly ConfigKey ReleaseInitialVersion = new("release.initial_version", ConfigType.String, "The first release's version, when a repo has no release tag yet.", "0.1.0");
    public static readonly ConfigKey ReleaseFeaturesBumpMinor = new("release.features_always_bump_minor", ConfigType.Boolean,
        "Before 1.0.0, a feature bumps the minor version (false: the patch version), as git-cliff's option of that name.", true);
    public static readonly ConfigKey ReleaseBreakingBumpsMajor = new("release.breaking_always_bump_major", ConfigType.Boolean,
        "Before 1.0.0, a breaking change bumps the major version (false: the minor version), as git-cliff's option of that name.", true);
    public static readonly ConfigKey ReleaseSign = new("release.sign", ConfigType.Boolean, "Sign release tags (git tag -s) with the configured key.", false);

    public static readonly IReadOnlyList<ConfigKey> All =
    [
        WorkspaceName, WorkspaceRoot, Jobs, NetworkJobs, NetworkTimeout, FlowModel, MainBranch, DevelopBranch, FeaturePrefix, ReleasePrefix,
        HotfixPrefix, TagPrefix, FlowFinish, WorktreeBaseDir, SharedTargetDir, OpenspecDir, SpecSafety, SpecFormalKinds, GateInstances, UserName, UserEmail, Editor,
        ReleaseMode, ReleaseInitialVersion, ReleaseFeaturesBumpMinor, ReleaseBreakingBumpsMajor, ReleaseSign,
    ];

    private static readonly Dictionary<string, ConfigKey> ByName = All.ToDictionary(k => k.Name);

    public static ConfigKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Tables whose keys smctl reads; later features add theirs (build, release, gate, alias).</summary>
    public static readonly IReadOnlySet<string> KnownTables = new HashSet<string>(All.Select(k => k.Table).Where(t => t.Length > 0)) { "repos" };

    /// <summary>Tables reserved for features still to come: accepted silently so manifests can be written ahead.</summary>
    public static readonly IReadOnlySet<string> ReservedTables = new HashSet<string> { "alias", "build", "mcp" };
}

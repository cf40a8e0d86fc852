namespace Smctl.Core.Workspace.Shared;

/// <summary>
/// Everything smctl keeps in a workspace's <c>.smctl/</c> folder, named in one place: the manifest is the user's to
/// commit, the rest is smctl's own state and stays out of commits (see <see cref="Workspace.EnsureGitignore"/>).
/// </summary>
public static class SmctlLayout
{
    public const string FolderName = ".smctl";
    public const string ManifestName = "workspace.toml";

    /// <summary>Run state: run.json and its lock (continue, skip, abort, undo).</summary>
    public static string StateDir(string smctlDir) => Path.Combine(smctlDir, StateFolder);

    /// <summary>Plans saved by --dry-run --save-plan.</summary>
    /// <summary>
    /// The lock every writer of <paramref name="file"/> takes: a manifest's in .smctl/state/ (smctl's own, which git
    /// ignores), any other file's beside it (beside the link, not in the dotfiles folder a symlink may point to).
    /// </summary>
    public static string WriteLockOf(string file)
    {
        var full = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(full)!;
        return Path.GetFileName(dir) == FolderName ? Path.Combine(StateDir(dir), Path.GetFileName(full) + ".lock")
            : Path.Combine(dir, $".{Path.GetFileName(full)}.smctl-lock");
    }

    public static string PlansDir(string smctlDir) => Path.Combine(smctlDir, PlansFolder);

    /// <summary>One folder of build and test logs per build run.</summary>
    public static string LogsDir(string smctlDir, string runId) => Path.Combine(smctlDir, LogsFolder, runId);

    /// <summary>The build cache: one entry per repo.</summary>
    public static string BuildCacheDir(string smctlDir) => Path.Combine(smctlDir, CacheFolder, "build");

    public static string BuildDurationsFile(string smctlDir) => Path.Combine(smctlDir, CacheFolder, "durations.json");

    public static string LastBuildFile(string smctlDir) => Path.Combine(smctlDir, CacheFolder, "last-build.json");

    public static string VerifyResultsFile(string smctlDir) => Path.Combine(smctlDir, CacheFolder, "verify.json");

    /// <summary>The folders that hold smctl's own state, as .smctl/.gitignore lists them.</summary>
    public static readonly IReadOnlyList<string> OwnFolders = [StateFolder, PlansFolder, LogsFolder, CacheFolder, "tmp"];

    private const string StateFolder = "state";
    private const string PlansFolder = "plans";
    private const string LogsFolder = "logs";
    private const string CacheFolder = "cache";
}

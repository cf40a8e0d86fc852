using System.CommandLine;

namespace Smctl.Cli.Commands.Shared;

/// <summary>The options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Workspace = new("--workspace", "-w")
    {
        Description = "Workspace folder or manifest (else SMCTL_WORKSPACE, else the nearest .smctl/workspace.toml above the current folder)",
        HelpName = "PATH",
        Recursive = true,
        // Without a PATH, "--workspace" is 'config set's choice of the workspace file.
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>"--workspace" given with no path: config set's "write to the workspace manifest".</summary>
    public static bool WorkspaceFlagWithoutPath(ParseResult p) => p.GetResult(Workspace) is { Implicit: false } r && r.Tokens.Count == 0;

    public static readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON on stdout", Recursive = true };
    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be done; change nothing", Recursive = true };
    public static readonly Option<bool> SavePlan = new("--save-plan") { Description = "With --dry-run: keep the plan for 'smctl plan apply'", Recursive = true };
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "More detail (-vv also shows each git command)", Recursive = true };
    public static readonly Option<bool> Verbose2 = new("-vv") { Hidden = true, Recursive = true };
    public static readonly Option<bool> Verbose3 = new("-vvv") { Hidden = true, Recursive = true };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Only data and errors", Recursive = true };
    public static readonly Option<bool> NoColor = new("--no-color") { Description = "No colours (also NO_COLOR)", Recursive = true };
    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "User config file (default $XDG_CONFIG_HOME/smctl/config.toml)",
        HelpName = "PATH",
        Recursive = true,
    };
    public static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Confirm destructive steps without asking", Recursive = true };
    public static readonly Option<int?> Jobs = new("--jobs", "-j")
    {
        Description = "Repos worked on at once (default: core count; config core.jobs)",
        HelpName = "N",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Workspace, Json, DryRun, SavePlan, Verbose, Verbose2, Verbose3, Quiet, NoColor, Config, Yes, Jobs];

    public static int VerbosityOf(ParseResult p) =>
        p.GetValue(Verbose3) ? 3 : p.GetValue(Verbose2) ? 2 : p.GetValue(Verbose) ? 1 : 0;
}

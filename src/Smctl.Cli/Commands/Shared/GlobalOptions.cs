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
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON on stdout", Recursive = true };
    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what would be done; change nothing (not even a fetch)", Recursive = true };
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

    /// <summary>The global option of this name ("--jobs"), which an input field of the same name reads instead of declaring its own.</summary>
    public static Option? Named(string name) => All.FirstOrDefault(o => o.Name == name);

    public static int VerbosityOf(ParseResult p) =>
        p.GetValue(Verbose3) ? 3 : p.GetValue(Verbose2) ? 2 : p.GetValue(Verbose) ? 1 : 0;
}

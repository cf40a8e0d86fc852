using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Smctl.Cli.Commands.Completions;
using Smctl.Cli.Commands.Config;
using Smctl.Cli.Commands.Demo;
using Smctl.Cli.Commands.Exec;
using Smctl.Cli.Commands.Flow;
using Smctl.Cli.Commands.Run;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Commands.Workspace;
using Smctl.Cli.Commands.Worktree;

namespace Smctl.Cli;

/// <summary>The smctl command tree and its entry point.</summary>
public static class SmctlApp
{
    public const string Description = "Drive many git repositories as one workspace.";

    /// <summary>The informational version, as System.CommandLine's --version prints it.</summary>
    public static string Version =>
        typeof(SmctlApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute a, ..]
            ? a.InformationalVersion : typeof(SmctlApp).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <param name="materialize">Which operation commands get their options (made from input records); null: all, as help, completion and the docs need.</param>
    public static RootCommand Build(CliHost host, bool withUserAliases = true, Func<Command, bool>? materialize = null)
    {
        var root = new RootCommand(Description);
        foreach (var option in GlobalOptions.All) root.Add(option);
        root.Add(WorkspaceCommand.Create(host));
        root.Add(FlowCommand.Create(host));
        foreach (var command in RunControlCommands.TopLevel(host)) root.Add(command);
        root.Add(PlanCommand.Create(host));
        root.Add(WorktreeCommand.Create(host));
        root.Add(Commands.Build.BuildCommand.Create(host));
        foreach (var command in AliasCommands.Create(host)) root.Add(command);
        root.Add(Commands.Spec.SpecCommand.Create(host));
        root.Add(Commands.Release.ReleaseCommand.Create(host));
        root.Add(Commands.Gate.GateCommand.Create(host));
        root.Add(ExecCommand.Create(host));
        root.Add(Commands.Mcp.ServeCommand.Create(host));
        root.Add(Commands.Mcp.McpCommand.Create(host));
        root.Add(ConfigCommand.Create(host));
        root.Add(CompletionsCommand.Create(host));
        root.Add(DemoCommand.Create(host));
        if (withUserAliases) AddUserAliases(root, host);
        Materialize(root, materialize);
        foreach (var option in root.Options)
            if (option is HelpOption help && help.Action is HelpAction defaultHelp)
                help.Action = new HelpWithExamples(defaultHelp);
        return root;
    }

    /// <summary>Every command, hidden ones too (CliReference.Walk lists only what the docs show).</summary>
    private static void Materialize(Command command, Func<Command, bool>? which)
    {
        foreach (var sub in command.Subcommands)
        {
            if (sub is SmctlCommand smctl && (which is null || which(smctl))) smctl.Materialize();
            Materialize(sub, which);
        }
    }

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        // Bare 'smctl' is a person finding their way: the help, not an error.
        if (args.Length == 0) args = ["--help"];
        if (CompletionDirective.Is(args))
        {
            var line = CompletionDirective.Line(args);
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return CompletionDirective.Write(Build(host, materialize: c => words.Contains(c.Name) || c.Aliases.Any(words.Contains)), line, host);
        }
        // User aliases cost reading the config files: only when the command is not a built-in one, or for help.
        var first = args.FirstOrDefault(a => !a.StartsWith('-'));
        var wantsAll = first is null || args.Any(a => a is "-h" or "--help" or "-?") || first.StartsWith('[');
        // Only the commands the arguments name get their options: a run does not pay for the other sixty.
        Func<Command, bool>? named = wantsAll ? null : c => args.Contains(c.Name) || c.Aliases.Any(a => args.Contains(a));
        var builtIn = Build(host, withUserAliases: false, named);
        var needAliases = wantsAll || builtIn.Subcommands.All(c => c.Name != first && !c.Aliases.Contains(first!));
        var root = needAliases ? Build(host, materialize: named) : builtIn;
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Err, EnableDefaultExceptionHandler = false };
        if (parse.Action is not HelpAction and not HelpWithExamples and not VersionOptionAction
            && (parse.Errors.Count > 0 || ParseErrorReport.HasMistakenOption(parse)))
            return ParseErrorReport.Report(parse, host);
        return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    /// <summary>The user's aliases; <paramref name="unread"/> is told of each file whose aliases could not be read.</summary>
    internal static IReadOnlyList<Core.Config.Shared.UserAlias> ReadAliases(CliHost host, Action<string>? unread = null)
    {
        try
        {
            var context = new Core.SmctlContext { CurrentDirectory = host.CurrentDirectory, GetEnvironment = host.GetEnvironment, WorkspacePath = host.GetEnvironment("SMCTL_WORKSPACE") };
            return Core.Config.Shared.UserAlias.Load(context.UserConfigFile, context.FindManifest(), unread);
        }
        catch (Core.Errors.SmctlException)
        {
            return []; // no workspace where SMCTL_WORKSPACE points: commands report that themselves
        }
    }

    /// <summary>Each [alias] of the user config or manifest becomes a command (listed in --help) that runs its expansion.</summary>
    private static void AddUserAliases(RootCommand root, CliHost host)
    {
        var aliases = ReadAliases(host);
        var taken = root.Subcommands.SelectMany(c => c.Aliases.Append(c.Name)).ToHashSet();
        foreach (var alias in aliases.Where(a => !taken.Contains(a.Name)))
        {
            var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "More arguments, appended to the expansion" };
            var command = new SmctlCommand(alias.Name, $"Alias for 'smctl {alias.Expansion}' ({alias.Origin})") { TreatUnmatchedTokensAsErrors = false };
            command.Add(rest);
            command.SetAction((p, ct) =>
            {
                // Everything typed around the alias goes through untouched, options included.
                var typed = p.Tokens.Select(t => t.Value).ToList();
                var at = typed.IndexOf(alias.Name);
                string[] expanded;
                try { expanded = [.. typed.Take(at), .. alias.Arguments(), .. typed.Skip(at + 1)]; }
                catch (Core.Errors.SmctlException e) { CommandRuntime.ReportError(CommandRuntime.UiFor(p, host), e.ToInfo()); return Task.FromResult(2); }
                if (expanded.Length > 0 && expanded[0] == alias.Name)
                {
                    CommandRuntime.ReportError(CommandRuntime.UiFor(p, host), new Core.Errors.ErrorInfo(-32000, "usage", $"alias '{alias.Name}' expands to itself"));
                    return Task.FromResult(2);
                }
                return RunAsync(expanded, host, ct);
            });
            root.Add(command);
        }
    }


    private sealed class VersionOptionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => 0;
    }

    /// <summary>The standard help, followed by the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            if (parseResult.CommandResult.Command is SmctlCommand { Examples.Count: > 0 } command)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in command.Examples) output.WriteLine("  " + example);
                output.WriteLine();
            }
            return result;
        }
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Smctl.Cli.Commands.Completions;
using Smctl.Cli.Commands.Config;
using Smctl.Cli.Commands.Demo;
using Smctl.Cli.Commands.Exec;
using Smctl.Cli.Commands.Flow;
using Smctl.Cli.Commands.Run;
using Smctl.Cli.Commands.Worktree;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Commands.Workspace;
using Smctl.Core.Errors;

namespace Smctl.Cli;

/// <summary>The smctl command tree and its entry point.</summary>
public static class SmctlApp
{
    public const string Description = "Drive many git repositories as one workspace.";

    /// <summary>The informational version, as System.CommandLine's --version prints it.</summary>
    public static string Version =>
        typeof(SmctlApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute a, ..]
            ? a.InformationalVersion : typeof(SmctlApp).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand(Description);
        foreach (var option in GlobalOptions.All) root.Add(option);
        root.Add(WorkspaceCommand.Create(host));
        root.Add(FlowCommand.Create(host));
        foreach (var command in RunControlCommands.TopLevel(host)) root.Add(command);
        root.Add(PlanCommand.Create(host));
        root.Add(WorktreeCommand.Create(host));
        foreach (var command in AliasCommands.Create(host)) root.Add(command);
        root.Add(ExecCommand.Create(host));
        root.Add(ConfigCommand.Create(host));
        root.Add(CompletionsCommand.Create(host));
        root.Add(DemoCommand.Create(host));
        foreach (var option in root.Options)
            if (option is HelpOption help && help.Action is HelpAction defaultHelp)
                help.Action = new HelpWithExamples(defaultHelp);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var root = Build(host);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Err, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction and not HelpWithExamples and not VersionOptionAction)
        {
            var ui = CommandRuntime.UiFor(parse, host);
            foreach (var error in parse.Errors) ui.Error(error.Message);
            ui.Hint($"see 'smctl {CommandPath(parse)} --help'");
            return ErrorKind.Usage.ExitCode();
        }
        return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names).Trim();
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

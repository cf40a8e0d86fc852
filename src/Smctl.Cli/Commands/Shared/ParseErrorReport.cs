using System.CommandLine;
using System.CommandLine.Parsing;
using Smctl.Core.Errors;

namespace Smctl.Cli.Commands.Shared;

/// <summary>
/// One clear error for a command line that does not parse — the first word smctl does not know, with the command or
/// option it most likely meant — rather than one line per leftover word; JSON on stdout under --json.
/// </summary>
public static class ParseErrorReport
{
    public static int Report(ParseResult parse, CliHost host)
    {
        var ui = CommandRuntime.UiFor(parse, host);
        var path = $"smctl {CommandPath(parse)}".TrimEnd();
        var command = parse.CommandResult.Command;
        var unknown = parse.UnmatchedTokens.FirstOrDefault() ?? MistakenOption(parse);
        ErrorInfo error;
        if (unknown is not null && unknown.StartsWith('-'))
            error = Usage($"unknown option '{unknown}' for '{path}'", DidYouMean.Hint(unknown, OptionNames(command), $"see '{path} --help'"));
        else if (unknown is not null && command is RootCommand && UnreadAliases(host) is { } unread)
            error = Usage($"'{unknown}' is not a command of '{path}', and no user alias could be read: {unread}", "fix that file; 'smctl config show' reads it too");
        else if (unknown is not null && command.Subcommands.Count > 0)
            error = Usage($"'{unknown}' is not a command of '{path}'",
                DidYouMean.Hint(unknown, command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)), $"see '{path} --help'"));
        else if (unknown is not null)
            error = Usage($"unexpected argument '{unknown}' for '{path}'", $"see '{path} --help'");
        else if (command.Subcommands.Count > 0 && parse.Errors.Any(e => e.Message.Contains("Required command", StringComparison.Ordinal)))
            error = Usage($"'{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}", $"see '{path} --help'");
        else
            error = Usage(parse.Errors[0].Message.TrimEnd('.'), $"see '{path} --help'");
        CommandRuntime.ReportError(ui, error);
        return ErrorKind.Usage.ExitCode();
    }

    /// <summary>Why a config file's aliases are missing (the unknown word may be one of them), or null.</summary>
    private static string? UnreadAliases(CliHost host)
    {
        var unread = new List<string>();
        SmctlApp.ReadAliases(host, unread.Add);
        return unread.Count > 0 ? string.Join("; ", unread) : null;
    }

    private static ErrorInfo Usage(string message, string? hint) => new(ErrorKind.Usage.McpCode(), "usage", message, null, hint);

    /// <summary>
    /// A word like '--paralel' that a command taking free arguments (build's repos) read as one: an option name was
    /// meant. Words after '--' are the command's own (exec).
    /// </summary>
    public static bool HasMistakenOption(ParseResult parse) => MistakenOption(parse) is not null;

    private static string? MistakenOption(ParseResult parse)
    {
        // A user alias passes every word on to its expansion, options included.
        if (!parse.CommandResult.Command.TreatUnmatchedTokensAsErrors) return null;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value.StartsWith('-') && !char.IsAsciiDigit(token.Value[1]))
                return token.Value;
        }
        return null;
    }

    private static IEnumerable<string> OptionNames(Command command)
    {
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            foreach (var option in c.Options.Where(o => !o.Hidden && (c == command || o.Recursive)))
                foreach (var name in option.Aliases.Prepend(option.Name)) yield return name;
    }

    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as CommandResult)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names).Trim();
    }
}

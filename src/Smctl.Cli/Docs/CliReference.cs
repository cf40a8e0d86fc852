using System.CommandLine;
using System.Text;
using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Docs;

/// <summary>Generates docs/cli.md and the man pages from the command tree, so they cannot drift from it.</summary>
public static class CliReference
{
    /// <summary>Every command below the root, depth first, with its full name ("smctl workspace status").</summary>
    public static IEnumerable<(string Path, Command Command)> Walk(Command root, string prefix = "smctl")
    {
        foreach (var sub in root.Subcommands.Where(c => !c.Hidden).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var path = $"{prefix} {sub.Name}";
            yield return (path, sub);
            foreach (var nested in Walk(sub, path)) yield return nested;
        }
    }

    public static string Markdown(RootCommand root)
    {
        var sb = new StringBuilder();
        sb.Append("# smctl command reference\n\n");
        sb.Append("<!-- Generated from the command tree by tests/Smctl.Tests/Cli/DocsTests.cs; run ./scripts/update-docs.sh after changing a command. -->\n\n");
        sb.Append(root.Description).Append("\n\n");
        sb.Append("## Global options\n\n");
        OptionsTable(sb, root.Options.Where(o => !o.Hidden));
        sb.Append("## Exit codes\n\n| code | meaning |\n| --- | --- |\n");
        foreach (var (code, meaning) in ExitCodes) sb.Append($"| {code} | {meaning} |\n");
        sb.Append('\n');
        foreach (var (path, command) in Walk(root))
        {
            sb.Append($"## {path}\n\n{command.Description}\n\n");
            if (command.Aliases.Count > 0) sb.Append($"Aliases: {string.Join(", ", command.Aliases.Select(a => $"`{a}`"))}\n\n");
            sb.Append($"```\n{Usage(path, command)}\n```\n\n");
            if (command.Arguments.Any(a => !a.Hidden))
            {
                sb.Append("| argument | description |\n| --- | --- |\n");
                foreach (var a in command.Arguments.Where(a => !a.Hidden)) sb.Append($"| `{a.Name}` | {Cell(a.Description)} |\n");
                sb.Append('\n');
            }
            var options = command.Options.Where(o => !o.Hidden && o is not System.CommandLine.Help.HelpOption).ToList();
            if (options.Count > 0) OptionsTable(sb, options);
            if (command is SmctlCommand { Examples.Count: > 0 } withExamples)
                sb.Append("Examples:\n\n```\n").Append(string.Join('\n', withExamples.Examples)).Append("\n```\n\n");
        }
        return sb.ToString();
    }

    /// <summary>One roff page per command that does something (file name → content).</summary>
    public static IReadOnlyDictionary<string, string> ManPages(RootCommand root, string version)
    {
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["smctl.1"] = Page("smctl", root, version, Walk(root).Where(c => c.Command.Subcommands.Count == 0).Select(c => c.Path).ToList()),
        };
        foreach (var (path, command) in Walk(root))
            pages[path.Replace(' ', '-') + ".1"] = Page(path, command, version, command.Subcommands.Select(s => $"{path} {s.Name}").ToList());
        return pages;
    }

    private static readonly (int, string)[] ExitCodes =
    [
        (0, "success"), (1, "error (a command failed, not confirmed)"), (2, "usage: bad arguments or input"), (3, "git: a git command failed or a repo refused"),
        (4, "workspace not found or manifest invalid"), (5, "spec validation failed"), (6, "build failed"), (7, "network: ModelGate or a download unreachable"),
    ];

    private static string Usage(string path, Command command)
    {
        var parts = new List<string> { path };
        if (command.Subcommands.Count > 0) parts.Add("<command>");
        foreach (var a in command.Arguments.Where(a => !a.Hidden))
            parts.Add(a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : a.Arity.MaximumNumberOfValues > 1 ? $"<{a.Name}>..." : $"<{a.Name}>");
        parts.Add("[options]");
        if (command.Arguments.Any(a => a.Arity.MaximumNumberOfValues > 1)) parts.Insert(parts.Count - 1, "--");
        return string.Join(' ', parts);
    }

    private static void OptionsTable(StringBuilder sb, IEnumerable<Option> options)
    {
        sb.Append("| option | description |\n| --- | --- |\n");
        foreach (var o in options)
        {
            var names = string.Join(", ", new[] { o.Name }.Concat(o.Aliases.OrderBy(a => a.Length)).Select(n => $"`{n}`"));
            var value = o.Arity.MaximumNumberOfValues == 0 || o.ValueType == typeof(bool) ? "" : $" `{Cell(o.HelpName ?? "VALUE")}`";
            sb.Append($"| {names}{value} | {Cell(o.Description)} |\n");
        }
        sb.Append('\n');
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|").Replace("\n", " ");

    private static string Page(string path, Command command, string version, IReadOnlyList<string> seeAlso)
    {
        var sb = new StringBuilder();
        var name = path.Replace(' ', '-');
        sb.Append($".TH {Roff(name.ToUpperInvariant())} 1 \"\" \"smctl {version}\" \"smctl manual\"\n");
        sb.Append($".SH NAME\n{Roff(name)} \\- {Roff(command.Description ?? "")}\n");
        sb.Append($".SH SYNOPSIS\n.B {Roff(Usage(path, command))}\n");
        if (command.Arguments.Any(a => !a.Hidden))
        {
            sb.Append(".SH ARGUMENTS\n");
            foreach (var a in command.Arguments.Where(a => !a.Hidden)) sb.Append($".TP\n.B {Roff(a.Name)}\n{Roff(a.Description ?? "")}\n");
        }
        var options = command.Options.Where(o => !o.Hidden && o is not System.CommandLine.Help.HelpOption).ToList();
        if (options.Count > 0)
        {
            sb.Append(".SH OPTIONS\n");
            foreach (var o in options)
                sb.Append($".TP\n.B {Roff(string.Join(", ", new[] { o.Name }.Concat(o.Aliases)))}\n{Roff(o.Description ?? "")}\n");
        }
        if (command is SmctlCommand { Examples.Count: > 0 } withExamples)
        {
            sb.Append(".SH EXAMPLES\n.nf\n");
            foreach (var e in withExamples.Examples) sb.Append(Roff(e)).Append('\n');
            sb.Append(".fi\n");
        }
        if (seeAlso.Count > 0) sb.Append(".SH SEE ALSO\n").Append(string.Join(",\n", seeAlso.Select(s => $"\\fB{Roff(s.Replace(' ', '-'))}\\fR(1)"))).Append('\n');
        return sb.ToString();
    }

    private static string Roff(string text) => text.Replace("\\", "\\e").Replace("-", "\\-").Replace("\n.", "\n\\&.").Replace("'", "\\(aq");
}

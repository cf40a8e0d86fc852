using System.CommandLine;

namespace Smctl.Cli.Commands.Completions;

/// <summary>
/// Answers the completion scripts' <c>[suggest:N] "LINE"</c> question: the words that can come at position N, that
/// start with what is typed there (prefix, not substring: <c>st</c> completes <c>status</c> alone). Options are offered
/// once a '-' is typed, or when nothing else can come; Windows-style <c>/?</c> and <c>/h</c> never.
/// </summary>
public static class CompletionDirective
{
    public static bool Is(string[] args) => args.Length > 0 && args[0].StartsWith("[suggest", StringComparison.Ordinal);

    /// <summary>The words of the line, so only the commands it names need their options made.</summary>
    public static string Line(string[] args)
    {
        var line = args.Length > 1 ? args[1] : "";
        var colon = args[0].IndexOf(':');
        return colon > 0 && int.TryParse(args[0][(colon + 1)..].TrimEnd(']'), out var position) && position >= 0 && position < line.Length ? line[..position] : line;
    }

    public static int Write(RootCommand root, string line, CliHost host)
    {
        var word = line.Length == 0 || char.IsWhiteSpace(line[^1]) ? "" : line[(line.LastIndexOfAny([' ', '\t']) + 1)..];
        IReadOnlyList<string> all;
        try
        {
            all = [.. root.Parse(line).GetCompletions(line.Length).Select(c => c.Label).Distinct()];
        }
        catch (Exception)
        {
            // Completion never fails loudly: a line it cannot read completes nothing.
            return 0;
        }
        var matching = all.Where(label => label.StartsWith(word, StringComparison.Ordinal) && !label.StartsWith('/') && label != "-?").ToList();
        var words = matching.Where(label => !label.StartsWith('-')).ToList();
        foreach (var label in word.StartsWith('-') || words.Count == 0 ? matching : words) host.Out.WriteLine(label);
        return 0;
    }
}

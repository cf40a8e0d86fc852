using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// Which lines are inside a fenced code block (the fence lines included), as OpenSpec decides it: a run of three or
/// more backticks or tildes opens a block, and a line holding only a run of the same character, at least as long, closes it.
/// </summary>
public static partial class CodeFence
{
    [GeneratedRegex(@"^\s*(`{3,}|~{3,})")]
    private static partial Regex Opening();

    [GeneratedRegex(@"^\s*(`{3,}|~{3,})\s*$")]
    private static partial Regex Closing();

    public static bool[] Mask(IReadOnlyList<string> lines)
    {
        var mask = new bool[lines.Count];
        (char Marker, int Length)? open = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (open is null)
            {
                if (Opening().Match(lines[i]) is { Success: true } m)
                {
                    open = (m.Groups[1].Value[0], m.Groups[1].Length);
                    mask[i] = true;
                }
                continue;
            }
            mask[i] = true;
            if (Closing().Match(lines[i]) is { Success: true } c && c.Groups[1].Value[0] == open.Value.Marker && c.Groups[1].Length >= open.Value.Length)
                open = null;
        }
        return mask;
    }

    /// <summary>OpenSpec's reading of a markdown file: no BOM, LF line endings.</summary>
    public static string Normalize(string content) => LineEndings.ToLf(content.StartsWith('\uFEFF') ? content[1..] : content);
}

/// <summary>Line-ending helpers: parsers read LF; a file is written back with the ending it already used.</summary>
public static class LineEndings
{
    public static string ToLf(string content) => content.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>The dominant ending (CRLF wins a tie), or null when there is no line break to judge from.</summary>
    public static string? Detect(string content)
    {
        int crlf = 0, lf = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\n') continue;
            if (i > 0 && content[i - 1] == '\r') crlf++;
            else lf++;
        }
        if (crlf == 0 && lf == 0) return null;
        return crlf >= lf ? "\r\n" : "\n";
    }

    /// <summary><paramref name="content"/> (LF) with the ending <paramref name="original"/> uses.</summary>
    public static string Match(string content, string original)
    {
        var ending = Detect(original);
        if (ending is null) return content;
        var lf = content.Replace("\r\n", "\n");
        return ending == "\n" ? lf : lf.Replace("\n", "\r\n");
    }
}

/// <summary>Reads a file the way Node's readFile(…, 'utf-8') does: a BOM stays in the text for the parsers to strip.</summary>
public static class SpecText
{
    public static string Read(string path) => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
}

using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>
/// A main spec's Purpose that nobody wrote: the sentence archive writes for a new capability, or a TBD/TODO marker
/// opening it (in capitals whatever follows; in other cases only before punctuation or the line's end).
/// </summary>
public static partial class PurposePlaceholder
{
    public const string Prefix = "TBD - created by archiving change ";
    public const string Suffix = ". Update Purpose after archive.";

    [GeneratedRegex(@"^(?:TBD|TODO)(?![\p{L}\p{N}\p{M}_])")]
    private static partial Regex Shouted();

    [GeneratedRegex(@"^(?:TBD|TODO)(?![\p{L}\p{N}\p{M}_])(?=[ \t]*(?:$|\n|[:\-\u2013\u2014.,;()\[\]{}]))", RegexOptions.IgnoreCase)]
    private static partial Regex Punctuated();

    [GeneratedRegex(@"^ {0,3}##(?!#)[ \t]+Purpose[ \t]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PurposeHeader();

    [GeneratedRegex(@"^ {0,3}#{1,2}(?!#)[ \t]+")]
    private static partial Regex TopLevelHeader();

    /// <summary>Null when the Purpose reads as written; otherwise the line of the placeholder (null inside when it cannot be placed).</summary>
    public static (int? Line, bool Found) Find(string overview, string content)
    {
        var lines = LineEndings.ToLf(overview).Split('\n');
        var mask = CodeFence.Mask(lines);
        var prose = string.Join('\n', lines.Where((_, i) => !mask[i])).Trim();
        var leading = Shouted().IsMatch(prose) || Punctuated().IsMatch(prose);
        if (!leading && GeneratedAt(prose) is null) return (null, false);
        return (LineOf(content, leading), true);
    }

    private static int? GeneratedAt(string text)
    {
        var suffixAt = text.IndexOf(Suffix, StringComparison.Ordinal);
        while (suffixAt >= 0)
        {
            var prefixAt = text.LastIndexOf(Prefix, suffixAt, StringComparison.Ordinal);
            if (prefixAt >= 0) return prefixAt;
            suffixAt = text.IndexOf(Suffix, suffixAt + 1, StringComparison.Ordinal);
        }
        return null;
    }

    private static int? LineOf(string content, bool leading)
    {
        var lines = LineEndings.ToLf(content).Split('\n');
        var mask = CodeFence.Mask(lines);
        var header = -1;
        for (var i = 0; i < lines.Length && header < 0; i++) if (!mask[i] && PurposeHeader().IsMatch(lines[i])) header = i;
        if (header < 0) return null;
        var purpose = new List<(int Line, string Text)>();
        for (var i = header + 1; i < lines.Length; i++)
        {
            if (mask[i]) continue;
            if (TopLevelHeader().IsMatch(lines[i])) break;
            if (leading && lines[i].Trim().Length > 0) return i + 1;
            purpose.Add((i + 1, lines[i]));
        }
        if (leading) return null;
        var text = string.Join('\n', purpose.Select(p => p.Text));
        if (GeneratedAt(text) is not { } at) return null;
        var offset = text[..at].Count(c => c == '\n');
        return offset < purpose.Count ? purpose[offset].Line : null;
    }
}

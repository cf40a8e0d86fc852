namespace Smctl.Core.Errors;

/// <summary>The known name a mistyped one most likely meant: "worktre" → "worktree", "--paralel" → "--parallel".</summary>
public static class DidYouMean
{
    /// <summary>The closest candidate by edit distance (a transposition counts once), if close enough to be a typo; else null.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, typed.TrimStart('-').Length / 3);
        return candidates.Distinct().Select(c => (Name: c, Distance: Distance(typed, c)))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>"did you mean 'x'?" when one is close, else <paramref name="otherwise"/>.</summary>
    public static string? Hint(string typed, IEnumerable<string> candidates, string? otherwise = null) =>
        Closest(typed, candidates) is { } near ? $"did you mean '{near}'?" : otherwise;

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

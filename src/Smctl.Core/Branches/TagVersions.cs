using Semver;

namespace Smctl.Core.Branches;

/// <summary>A tag read as a version: <c>v2.8.0</c> is prefix "v" and 2.8.0.</summary>
public readonly record struct TagVersion(string Tag, string Prefix, SemVersion Version);

/// <summary>Tags as real repos have them: with or without a prefix, releases and pre-releases.</summary>
public static class TagVersions
{
    /// <summary>Every tag that reads as a semantic version under one of the known prefixes (the longest prefix that fits wins).</summary>
    public static IEnumerable<TagVersion> Read(IEnumerable<string> tags, string configuredPrefix)
    {
        var prefixes = RepoFlow.KnownTagPrefixes(configuredPrefix).OrderByDescending(p => p.Length).ToList();
        foreach (var tag in tags)
            if (Parse(tag, prefixes) is { } version) yield return version;
    }

    private static TagVersion? Parse(string tag, IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
            if (tag.StartsWith(prefix, StringComparison.Ordinal) && SemVersion.TryParse(tag[prefix.Length..], SemVersionStyles.Strict, out var v))
                return new TagVersion(tag, prefix, v);
        return null;
    }

    /// <summary>
    /// Tags that look like versions (a known prefix then a digit) but are not semantic versions, like <c>v2.7</c> or
    /// <c>1.0.0.1</c>: a release plan says it skipped them rather than silently basing a version on less.
    /// </summary>
    public static IReadOnlyList<string> Unreadable(IEnumerable<string> tags, string configuredPrefix)
    {
        var prefixes = RepoFlow.KnownTagPrefixes(configuredPrefix).OrderByDescending(p => p.Length).ToList();
        return tags.Where(t => Parse(t, prefixes) is null
            && prefixes.Any(p => t.Length > p.Length && t.StartsWith(p, StringComparison.Ordinal) && char.IsAsciiDigit(t[p.Length]))).ToList();
    }
}

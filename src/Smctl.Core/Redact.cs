using System.Text.RegularExpressions;

namespace Smctl.Core;

/// <summary>Keeps credentials out of every output.</summary>
public static partial class Redact
{
    [GeneratedRegex("^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<cred>[^/@]+)@")]
    private static partial Regex UserInfo();

    /// <summary>A url with user:password anywhere in a text (a command's output, a JSON document); stops at quotes and blanks.</summary>
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<cred>[^/@\s:""'\\]+:[^/@\s""'\\]+)@")]
    private static partial Regex UserPasswordInText();

    /// <summary>A url with any user:password part replaced by ***.</summary>
    public static string? Url(string? url) => url is null ? null : UserInfo().Replace(url, m =>
        m.Groups["cred"].Value.Contains(':') || m.Groups["scheme"].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? $"{m.Groups["scheme"].Value}***@" : m.Value);

    /// <summary>Every <c>scheme://user:password@</c> in <paramref name="text"/> becomes <c>scheme://***@</c>.</summary>
    public static string Text(string text) =>
        text.Contains("://", StringComparison.Ordinal) ? UserPasswordInText().Replace(text, "${scheme}***@") : text;
}

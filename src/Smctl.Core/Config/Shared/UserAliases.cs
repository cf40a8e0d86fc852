using Smctl.Core.Errors;
using Smctl.Core.Toml;

namespace Smctl.Core.Config.Shared;

/// <summary>A user-defined command: <c>[alias] st = "workspace status"</c>, like git's aliases.</summary>
public sealed record UserAlias(string Name, string Expansion, string Origin)
{
    /// <summary>The expansion as arguments: split on spaces, with '…' and "…" quoting.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var c in Expansion)
        {
            if (quote is { } q) { if (c == q) quote = null; else current.Append(c); continue; }
            if (c is '\'' or '"') { quote = c; any = true; continue; }
            if (char.IsWhiteSpace(c)) { if (current.Length > 0 || any) args.Add(current.ToString()); current.Clear(); any = false; continue; }
            current.Append(c);
        }
        if (quote is not null) throw SmctlException.Usage($"{Origin}: alias '{Name}' has an unclosed quote.");
        if (current.Length > 0 || any) args.Add(current.ToString());
        return args;
    }

    /// <summary>
    /// The [alias] tables of the user config and the workspace manifest (the workspace's win). A file that does not
    /// read is passed to <paramref name="unread"/> with why: its aliases are missing, and an unknown command says so.
    /// </summary>
    public static IReadOnlyList<UserAlias> Load(string? userConfig, string? manifest, Action<string>? unread = null)
    {
        var aliases = new Dictionary<string, UserAlias>(StringComparer.Ordinal);
        foreach (var file in new[] { userConfig, manifest })
        {
            if (file is null || !File.Exists(file)) continue;
            TomlFile toml;
            try { toml = TomlFile.Load(file); }
            catch (SmctlException e)
            {
                // The command itself reports the file when it reads it; here only what is missing because of it.
                unread?.Invoke(e.Message);
                continue;
            }
            foreach (var e in toml.Entries().Where(e => e.Table == "alias" && e.Value is string))
                aliases[e.Key] = new UserAlias(e.Key, (string)e.Value!, e.Origin.ToString());
        }
        return aliases.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }
}

using Smctl.Core.Errors;

namespace Smctl.Core.Git;

/// <summary>
/// Checks user-supplied branch names in-process with git's own rules (<c>git check-ref-format --branch</c>),
/// so a name can never reach git as an option or as a malformed ref.
/// </summary>
public static class BranchName
{
    /// <summary>Returns why <paramref name="name"/> is not a valid branch name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name[0] == '-') return "it starts with '-'";
        if (name == "@" || name == "HEAD") return $"'{name}' is reserved by git";
        if (name.StartsWith('/') || name.EndsWith('/')) return "it starts or ends with '/'";
        if (name.EndsWith('.')) return "it ends with '.'";
        if (name.Contains("..", StringComparison.Ordinal)) return "it contains '..'";
        if (name.Contains("//", StringComparison.Ordinal)) return "it contains '//'";
        if (name.Contains("@{", StringComparison.Ordinal)) return "it contains '@{'";
        foreach (var c in name)
        {
            if (c < 0x20 || c == 0x7f) return "it contains a control character";
            if (c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
                return $"it contains '{c}'";
        }
        foreach (var part in name.Split('/'))
        {
            if (part.StartsWith('.')) return "a part of it starts with '.'";
            if (part.EndsWith(".lock", StringComparison.Ordinal)) return "a part of it ends with '.lock'";
        }
        return null;
    }

    public static string Validate(string name, string what = "branch name")
    {
        var problem = Problem(name);
        if (problem is not null)
            throw SmctlException.Usage($"'{name}' is not a valid {what}: {problem}.", "use letters, digits, '-', '_', '.' and '/' (for example feature/login)");
        return name;
    }
}

using Smctl.Core.Errors;

namespace Smctl.Core.Git;

/// <summary>
/// Checks user-supplied branch names in-process with git's own rules (<c>git check-ref-format --branch</c>),
/// so a name can never reach git as an option or as a malformed ref.
/// </summary>
public static class BranchName
{
    /// <summary>
    /// Git stores each part of a ref as a file name and locks it as "&lt;part&gt;.lock", so a part longer than the
    /// file system's 255 bytes less ".lock" fails half-way through a run; refused up front instead.
    /// </summary>
    public const int MaxPartBytes = 250;

    /// <summary>Far below PATH_MAX, leaving room for the repo's own path in front of .git/refs/heads/.</summary>
    public const int MaxBytes = 1024;

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
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxBytes) return $"it is longer than {MaxBytes} bytes";
        foreach (var part in name.Split('/'))
        {
            if (System.Text.Encoding.UTF8.GetByteCount(part) > MaxPartBytes) return $"a part of it is longer than {MaxPartBytes} bytes, more than a file name can hold";
            if (part.StartsWith('.')) return "a part of it starts with '.'";
            if (part.EndsWith(".lock", StringComparison.Ordinal)) return "a part of it ends with '.lock'";
        }
        return null;
    }

    public static string Validate(string name, string what = "branch name")
    {
        var problem = Problem(name);
        if (problem is not null)
            throw SmctlException.Usage($"'{Shown(name)}' is not a valid {what}: {problem}.", "use letters, digits, '-', '_', '.' and '/' (for example feature/login)");
        return name;
    }

    /// <summary>A name as an error shows it: a very long one cut, so the reason stays on screen.</summary>
    public static string Shown(string name) => name.Length <= 80 ? name : name[..77] + "...";
}

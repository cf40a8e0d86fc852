using System.Text.RegularExpressions;
using Smctl.Core.Errors;

namespace Smctl.Core.Spec.Shared;

/// <summary>OpenSpec's change id rules, with its messages, so 'smctl spec new' and 'openspec new change' refuse alike.</summary>
public static partial class ChangeId
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    /// <summary>The problem with <paramref name="id"/> in OpenSpec's words, or null when it is a valid change id.</summary>
    public static string? Problem(string id)
    {
        if (id.Length == 0) return "Change name cannot be empty";
        if (id.Length > 200) return "Change name is too long (200 characters max)";
        if (Kebab().IsMatch(id)) return null;
        if (id.Any(char.IsAsciiLetterUpper)) return "Change name must be lowercase (use kebab-case)";
        if (id.Any(char.IsWhiteSpace)) return "Change name cannot contain spaces (use hyphens instead)";
        if (id.Contains('_')) return "Change name cannot contain underscores (use hyphens instead)";
        if (id.StartsWith('-')) return "Change name cannot start with a hyphen";
        if (id.EndsWith('-')) return "Change name cannot end with a hyphen";
        if (id.Contains("--", StringComparison.Ordinal)) return "Change name cannot contain consecutive hyphens";
        if (id.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))) return "Change name can only contain lowercase letters, numbers, and hyphens";
        return "Change name must follow kebab-case convention (e.g., add-auth, refactor-db)";
    }

    public static string Validate(string id) =>
        Problem(id) is { } problem ? throw new SmctlException(ErrorKind.Usage, problem, "e.g. add-auth or 100-refactor-db") : id;
}

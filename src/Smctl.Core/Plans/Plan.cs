using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Plans;

/// <summary>The steps one repo will go through, in order.</summary>
public sealed record RepoProgram(string Repo, IReadOnlyList<Step> Steps);

/// <summary>A multi-repo program: what a command will do, repo by repo, before it does any of it.</summary>
public sealed record Plan(string Id, string Command, IReadOnlyList<RepoProgram> Repos)
{
    /// <summary>Why a plan read from a file cannot run, or null: the reader checks fields, not the entries of its lists.</summary>
    public string? Problem() => Repos.Any(p => p is null || p.Steps.Any(s => s is null)) ? "the plan has an empty entry" : null;

    public static string NewId(string command) =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{new string(command.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-')}";
}

namespace Smctl.Core.Plans;

/// <summary>A repo's branches, tags and remote-tracking refs (name → commit), and what its main work tree had checked out.</summary>
public sealed record RefSnapshot(Dictionary<string, string> Refs, string? HeadBranch, string? HeadCommit)
{
    /// <summary>Linked work trees (folder → branch, "" when detached): abort and undo remove the ones a run made.</summary>
    public Dictionary<string, string> Worktrees { get; init; } = [];

    /// <summary>One git process: every ref with a '*' on the one checked out here.</summary>
    public static async Task<RefSnapshot> TakeAsync(StepContext context, CancellationToken ct)
    {
        var output = await context.RunAsync(ct, "for-each-ref", "--format=%(HEAD)%(refname) %(objectname)", "refs/heads", "refs/tags", $"refs/remotes/{context.Remote}").ConfigureAwait(false);
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? headBranch = null, headCommit = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var isHead = line[0] == '*';
            var space = line.LastIndexOf(' ');
            var name = line[1..space];
            if (name.StartsWith("refs/remotes/", StringComparison.Ordinal) && name.EndsWith("/HEAD", StringComparison.Ordinal)) continue;
            refs[name] = line[(space + 1)..];
            if (isHead) (headBranch, headCommit) = (name["refs/heads/".Length..], refs[name]);
        }
        headCommit ??= context.CurrentBranch() is null ? await context.ResolveAsync("HEAD", ct).ConfigureAwait(false) : null;
        var worktrees = Git.RepoReader.Worktrees(context.Path).Skip(1).Where(w => !w.Stale).ToDictionary(w => w.Path, w => w.Branch ?? "");
        return new RefSnapshot(refs, headBranch, headCommit) { Worktrees = worktrees };
    }

    public string? this[string name] => Refs.GetValueOrDefault(name);
}

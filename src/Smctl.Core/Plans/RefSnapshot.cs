namespace Smctl.Core.Plans;

/// <summary>A repo's branches, tags and remote-tracking refs (name → commit), and what its main work tree had checked out.</summary>
public sealed record RefSnapshot(Dictionary<string, string> Refs, string? HeadBranch, string? HeadCommit)
{
    /// <summary>Linked work trees (folder → branch, "" when detached): abort and undo remove the ones a run made.</summary>
    // Absent from files older than worktree support: the generated reader passes null then, read as none.
    public Dictionary<string, string> Worktrees { get; init => field = value ?? []; } = [];

    /// <summary>Read in-process (libgit2; no git process): every ref, what the main work tree has checked out, the linked work trees.</summary>
    public static Task<RefSnapshot> TakeAsync(StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var (refs, headBranch, headCommit) = context.Read(repo => Git.RepoReader.AllRefs(repo, context.Remote));
        var worktrees = Git.RepoReader.Worktrees(context.Path).Skip(1).Where(w => !w.Stale).ToDictionary(w => w.Path, w => w.Branch ?? "");
        return new RefSnapshot(refs, headBranch, headCommit) { Worktrees = worktrees };
    }, ct);

    public string? this[string name] => Refs.GetValueOrDefault(name);
}

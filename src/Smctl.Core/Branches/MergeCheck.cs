using Smctl.Core.Plans;

namespace Smctl.Core.Branches;

/// <summary>Tries a merge with <c>git merge-tree --write-tree</c> (the real merge engine, no work tree, no ref moved).</summary>
public static class MergeCheck
{
    /// <summary>The would-be merge commit (a dangling object, so a later merge can be tried on top of it), or the conflicted files.</summary>
    /// <param name="keepCommit">Write the would-be merge commit (a back-merge is tried on top of it); false: only the verdict.</param>
    public static async Task<(string? Commit, IReadOnlyList<string> Conflicts)> TryAsync(StepContext git, string into, string from, CancellationToken ct, bool keepCommit = true)
    {
        // When the target is an ancestor of what merges into it (the usual feature), the merge base is the target itself:
        // the merge cannot conflict and its tree is the source's. No merge-tree process needed.
        if (await git.IsAncestorAsync(into, from, ct).ConfigureAwait(false))
        {
            if (!keepCommit) return (null, []);
            var direct = await git.RunAsync(ct, "commit-tree", from + "^{tree}", "-p", into, "-p", from, "-m", "smctl merge check").ConfigureAwait(false);
            return (direct.Trim(), []);
        }
        var result = await git.TryAsync(ct, "merge-tree", "--write-tree", "--name-only", "--no-messages", into, from).ConfigureAwait(false);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.ExitCode == 1) return (null, lines.Skip(1).Distinct().ToList());
        if (!result.Ok) return (null, [$"(merge-tree failed: {Git.GitRunner.ErrorLine(result.Stderr)})"]);
        if (!keepCommit) return (null, []);
        var commit = await git.RunAsync(ct, "commit-tree", lines[0], "-p", into, "-p", from, "-m", "smctl merge check").ConfigureAwait(false);
        return (commit.Trim(), []);
    }

    /// <summary>
    /// Whether everything of <paramref name="from"/> is in <paramref name="into"/> already: merged (an ancestor), or
    /// squashed or rebased in by a forge's merge button (merging it would change no file).
    /// </summary>
    public static async Task<bool> IntegratedAsync(StepContext git, string into, string from, CancellationToken ct)
    {
        if (await git.IsAncestorAsync(from, into, ct).ConfigureAwait(false)) return true;
        var result = await git.TryAsync(ct, "merge-tree", "--write-tree", "--no-messages", into, from).ConfigureAwait(false);
        if (!result.Ok) return false;
        var tree = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return tree is not null && tree == (await git.RunAsync(ct, "rev-parse", into + "^{tree}").ConfigureAwait(false)).Trim();
    }
}

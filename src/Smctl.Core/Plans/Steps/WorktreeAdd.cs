using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git worktree add FOLDER BRANCH (creating BRANCH from START when given and missing).</summary>
public sealed record WorktreeAdd(string Folder, string Branch, string? StartPoint = null, string? Upstream = null) : Step
{
    public override string Describe() => StartPoint is null
        ? $"git worktree add {Folder} {Branch}"
        : $"git worktree add -b {Branch} {Folder} {StartPoint[..Math.Min(12, StartPoint.Length)]}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var holder = await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false);
        if (holder is not null && Path.GetFullPath(holder) == Path.GetFullPath(Folder)) return;
        if (holder is not null) throw context.Fail($"{Branch} is already checked out in {holder}");
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        var exists = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false) is not null;
        string[] args = exists || StartPoint is null
            ? ["worktree", "add", "--quiet", Folder, Branch]
            : ["worktree", "add", "--quiet", "--no-track", "-b", Branch, Folder, StartPoint];
        await context.RunAsync(ct, args).ConfigureAwait(false);
        if (!exists && Upstream is not null) await context.RunAsync(ct, "branch", "--quiet", $"--set-upstream-to={Upstream}", Branch).ConfigureAwait(false);
    }
}

using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git push [-u] origin BRANCH:BRANCH</summary>
public sealed record BranchPush(string Branch, bool SetUpstream = false, bool ForceWithLease = false) : Step
{
    public override bool SavedFirst => true;

    public override string Describe() => $"git push{(SetUpstream ? " -u" : "")}{(ForceWithLease ? " --force-with-lease" : "")} origin {Branch}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var local = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false)
            ?? throw context.Fail($"cannot push {Branch}: it does not exist");
        var remote = await context.ResolveAsync(GitRefs.RemoteBranch(context.Remote, Branch), ct).ConfigureAwait(false);
        if (remote == local && !SetUpstream) return;
        var args = new List<string> { "push", "--quiet", "--porcelain" };
        if (SetUpstream) args.Add("--set-upstream");
        // A rebased branch replaces its remote history, and only if nobody pushed since smctl last fetched.
        if (ForceWithLease) args.Add($"--force-with-lease={GitRefs.Branch(Branch)}:{remote ?? ""}");
        args.AddRange([context.Remote, GitRefs.SameBranch(Branch)]);
        var result = await context.TryAsync(ct, [.. args]).ConfigureAwait(false);
        if (!result.Ok)
            throw context.Fail($"push of {Branch} to {context.Remote} was rejected: {Git.GitRunner.ErrorLine(result.Stderr) ?? Git.GitRunner.FirstMeaningfulLine(result.Stdout)}",
                "run 'smctl continue' once the remote accepts it, or 'smctl abort'");
    }
}

namespace Smctl.Core.Plans.Steps;

/// <summary>git push origin --delete BRANCH</summary>
public sealed record RemoteBranchDelete(string Branch) : Step
{
    public override string Describe() => $"git push origin --delete {Branch}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        if (await context.ResolveAsync($"refs/remotes/{context.Remote}/{Branch}", ct).ConfigureAwait(false) is null) return;
        var result = await context.TryAsync(ct, "push", "--quiet", context.Remote, "--delete", $"refs/heads/{Branch}").ConfigureAwait(false);
        if (!result.Ok && !result.Stderr.Contains("remote ref does not exist", StringComparison.Ordinal))
            throw context.Fail($"deleting {Branch} on {context.Remote} failed: {Git.GitRunner.FirstMeaningfulLine(result.Stderr)}");
        // git drops the remote-tracking ref itself on a successful delete; only a stale one needs removing.
        if (!result.Ok) await context.TryAsync(ct, "update-ref", "-d", $"refs/remotes/{context.Remote}/{Branch}").ConfigureAwait(false);
    }
}

namespace Smctl.Core.Plans.Steps;

/// <summary>git branch BRANCH START</summary>
public sealed record BranchCreate(string Branch, string StartPoint, string? Upstream = null) : Step
{
    public override string Describe() => $"git branch {Branch} {StartPoint[..Math.Min(12, StartPoint.Length)]}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var start = await context.ResolveAsync(StartPoint, ct).ConfigureAwait(false)
            ?? throw context.Fail($"cannot create {Branch}: {StartPoint} does not exist");
        var existing = await context.ResolveAsync($"refs/heads/{Branch}", ct).ConfigureAwait(false);
        if (existing == start) return;
        if (existing is not null) throw context.Fail($"branch {Branch} already exists at another commit", "finish or delete it first");
        await context.RunAsync(ct, "branch", "--no-track", Branch, start).ConfigureAwait(false);
        if (Upstream is not null) await context.RunAsync(ct, "branch", "--quiet", $"--set-upstream-to={Upstream}", Branch).ConfigureAwait(false);
    }
}

using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git branch BRANCH START, or with <see cref="Checkout"/> git switch -c BRANCH START (one process for both)</summary>
public sealed record BranchCreate(string Branch, string StartPoint, string? Upstream = null) : Step
{
    /// <summary>Also check the new branch out in the main work tree.</summary>
    public bool Checkout { get; init; }

    public override string Describe() => Checkout
        ? $"git switch -c {Branch} {StartPoint[..Math.Min(12, StartPoint.Length)]}"
        : $"git branch {Branch} {StartPoint[..Math.Min(12, StartPoint.Length)]}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var start = await context.ResolveAsync(StartPoint, ct).ConfigureAwait(false)
            ?? throw context.Fail($"cannot create {Branch}: {StartPoint} does not exist");
        var existing = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false);
        if (existing is not null && existing != start) throw context.Fail($"branch {Branch} already exists at another commit", "finish or delete it first");
        if (existing is null)
            await context.RunAsync(ct, Checkout ? ["switch", "--quiet", "--no-track", "-c", Branch, start] : ["branch", "--no-track", Branch, start]).ConfigureAwait(false);
        else if (Checkout && context.CurrentBranch() != Branch)
            await context.RunAsync(ct, "switch", "--quiet", Branch).ConfigureAwait(false);
        if (existing is null && Upstream is not null) await context.RunAsync(ct, "branch", "--quiet", $"--set-upstream-to={Upstream}", Branch).ConfigureAwait(false);
    }

    public override async Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct) =>
        Checkout && context.CurrentBranch() != Branch && await context.ResolveAsync(StartPoint, ct).ConfigureAwait(false) is { } start
            ? new WorkTreeWrite(context.Path, start) : null;
}

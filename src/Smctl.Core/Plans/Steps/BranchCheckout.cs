namespace Smctl.Core.Plans.Steps;

/// <summary>git switch BRANCH (in the repo's main work tree)</summary>
public sealed record BranchCheckout(string Branch) : Step
{
    public override string Describe() => $"git switch {Branch}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        if (context.CurrentBranch() == Branch) return;
        await context.RunAsync(ct, "switch", "--quiet", Branch).ConfigureAwait(false);
    }

    public override async Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct) =>
        context.CurrentBranch() != Branch && await context.ResolveAsync(Git.GitRefs.Branch(Branch), ct).ConfigureAwait(false) is { } tip
            ? new WorkTreeWrite(context.Path, tip) : null;
}

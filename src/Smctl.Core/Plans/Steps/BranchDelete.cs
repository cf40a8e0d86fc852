using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git branch -D BRANCH (only after the plan merged it)</summary>
public sealed record BranchDelete(string Branch) : Step
{
    public override bool SavedFirst => true;

    public override string Describe() => $"git branch -D {Branch}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        if (await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false) is null) return;
        await context.RunAsync(ct, "branch", "-D", Branch).ConfigureAwait(false);
    }
}

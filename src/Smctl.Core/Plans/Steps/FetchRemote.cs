namespace Smctl.Core.Plans.Steps;

/// <summary>git fetch --prune origin</summary>
public sealed record FetchRemote : Step
{
    public override string Describe() => "git fetch --prune origin";

    public override Task RunAsync(StepContext context, CancellationToken ct) => context.RunAsync(ct, "fetch", "--prune", "--quiet", "--no-auto-maintenance", context.Remote);
}

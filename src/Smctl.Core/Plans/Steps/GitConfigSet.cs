namespace Smctl.Core.Plans.Steps;

/// <summary>git config KEY VALUE (the repo's own config)</summary>
public sealed record GitConfigSet(string Key, string Value) : Step
{
    public override string Describe() => $"git config {Key} {Value}";

    public override Task RunAsync(StepContext context, CancellationToken ct) => context.RunAsync(ct, "config", "--local", Key, Value);
}

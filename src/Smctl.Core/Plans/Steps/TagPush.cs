namespace Smctl.Core.Plans.Steps;

/// <summary>git push origin refs/tags/TAG</summary>
public sealed record TagPush(string Tag) : Step
{
    public override string Describe() => $"git push origin {Tag}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var result = await context.TryAsync(ct, "push", "--quiet", context.Remote, $"refs/tags/{Tag}:refs/tags/{Tag}").ConfigureAwait(false);
        if (!result.Ok)
            throw context.Fail($"push of tag {Tag} was rejected: {Git.GitRunner.FirstMeaningfulLine(result.Stderr)}");
    }
}

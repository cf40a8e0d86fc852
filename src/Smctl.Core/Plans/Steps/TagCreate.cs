using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git tag -a (or -s: signed with the configured key) -m MESSAGE TAG TARGET</summary>
public sealed record TagCreate(string Tag, string Target, string Message, bool Sign = false) : Step
{
    public override string Describe() => $"git tag {(Sign ? "-s" : "-a")} -m '{Message}' {Tag} {Target}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var target = await context.ResolveAsync(Target, ct).ConfigureAwait(false) ?? throw context.Fail($"cannot tag {Target}: it does not exist");
        var existing = await context.ResolveAsync(GitRefs.Tag(Tag), ct).ConfigureAwait(false);
        if (existing == target) return;
        if (existing is not null) throw context.Fail($"tag {Tag} already exists on another commit", "choose another version");
        await context.RunAsync(ct, "tag", Sign ? "-s" : "-a", "-m", Message, Tag, target).ConfigureAwait(false);
    }
}

namespace Smctl.Core.Plans;

/// <summary>A repo's branches, tags and remote-tracking refs (name → commit), and what its main work tree had checked out.</summary>
public sealed record RefSnapshot(Dictionary<string, string> Refs, string? HeadBranch, string? HeadCommit)
{
    public static async Task<RefSnapshot> TakeAsync(StepContext context, CancellationToken ct)
    {
        var output = await context.RunAsync(ct, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags", $"refs/remotes/{context.Remote}").ConfigureAwait(false);
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.LastIndexOf(' ');
            if (line.EndsWith("/HEAD", StringComparison.Ordinal) && line.StartsWith("refs/remotes/", StringComparison.Ordinal)) continue;
            refs[line[..space]] = line[(space + 1)..];
        }
        var branch = await context.TryAsync(ct, "symbolic-ref", "--quiet", "--short", "HEAD").ConfigureAwait(false);
        var head = await context.TryAsync(ct, "rev-parse", "--verify", "--quiet", "HEAD").ConfigureAwait(false);
        return new RefSnapshot(refs, branch.Ok ? branch.Stdout.Trim() : null, head.Ok ? head.Stdout.Trim() : null);
    }

    public string? this[string name] => Refs.GetValueOrDefault(name);
}

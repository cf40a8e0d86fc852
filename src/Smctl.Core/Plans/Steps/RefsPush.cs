using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>
/// git push --atomic origin BRANCH… refs/tags/TAG… :DELETED…: everything a finish sends, in one push (one connection,
/// all or nothing where the server supports --atomic). What the remote already has is left out, so a resumed run
/// pushes only what is missing.
/// </summary>
public sealed record RefsPush(IReadOnlyList<string> Branches, IReadOnlyList<string> Tags, IReadOnlyList<string> DeleteBranches) : Step
{
    /// <summary>The feature a finish pushes, when it is one: a refusal (a protected branch) then says how to propose it instead.</summary>
    public string? Feature { get; init; }

    public override bool SavedFirst => true;

    public override string Describe() =>
        $"git push origin {string.Join(" ", Branches.Concat(Tags).Concat(DeleteBranches.Select(d => ":" + d)))}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var refspecs = new List<string>();
        foreach (var branch in Branches)
        {
            var local = await context.ResolveAsync(GitRefs.Branch(branch), ct).ConfigureAwait(false) ?? throw context.Fail($"cannot push {branch}: it does not exist");
            if (await context.ResolveAsync(GitRefs.RemoteBranch(context.Remote, branch), ct).ConfigureAwait(false) != local)
                refspecs.Add(GitRefs.SameBranch(branch));
        }
        refspecs.AddRange(Tags.Select(t => $"{GitRefs.Tag(t)}:{GitRefs.Tag(t)}"));
        var deletes = new List<string>();
        foreach (var branch in DeleteBranches)
            if (await context.ResolveAsync(GitRefs.RemoteBranch(context.Remote, branch), ct).ConfigureAwait(false) is not null) deletes.Add(branch);
        if (refspecs.Count + deletes.Count == 0) return;
        var result = await PushAsync(context, refspecs, deletes, atomic: true, ct).ConfigureAwait(false);
        if (!result.Ok && result.Stderr.Contains("does not support --atomic", StringComparison.Ordinal))
            result = await PushAsync(context, refspecs, deletes, atomic: false, ct).ConfigureAwait(false);
        if (!result.Ok && deletes.Count > 0 && result.Stderr.Contains("remote ref does not exist", StringComparison.Ordinal))
        {
            // Someone deleted the branch on the remote already: forget the stale tracking refs and send the rest.
            foreach (var d in deletes) await context.TryAsync(ct, "update-ref", "-d", GitRefs.RemoteBranch(context.Remote, d)).ConfigureAwait(false);
            result = refspecs.Count == 0 ? result with { ExitCode = 0 } : await PushAsync(context, refspecs, [], atomic: true, ct).ConfigureAwait(false);
        }
        if (!result.Ok)
        {
            var what = Branches.Concat(Tags.Select(t => $"tag {t}")).Concat(deletes.Select(d => $"the deletion of {d}"));
            throw context.Fail($"push of {string.Join(", ", what)} to {context.Remote} was rejected: {Git.GitRunner.ErrorLine(result.Stderr) ?? Git.GitRunner.FirstMeaningfulLine(result.Stdout)}",
                Feature is null ? "run 'smctl continue' once the remote accepts it, or 'smctl abort'"
                    : $"if {string.Join(", ", Branches)} is protected: 'smctl abort' (the feature branch is still here), then 'smctl flow feature propose {Feature}' "
                    + "to open pull requests (flow.finish = \"propose\" makes that the way); else 'smctl continue' once the remote accepts it");
        }
    }

    private static Task<Git.ProcessResult> PushAsync(StepContext context, List<string> refspecs, IReadOnlyList<string> deletes, bool atomic, CancellationToken ct) =>
        context.TryAsync(ct, ["push", "--quiet", "--porcelain", .. atomic ? ["--atomic"] : Array.Empty<string>(), context.Remote, .. refspecs, .. deletes.Select(d => ":" + GitRefs.Branch(d))]);
}

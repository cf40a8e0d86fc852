using Smctl.Core.Branches;
using Smctl.Core.Catalog;

namespace Smctl.Core.Flow;

/// <summary>
/// The start and finish verb of each branch kind, one instance each: the catalog lists them, and spec new and archive
/// start and finish features through them without going through the catalog.
/// </summary>
public static class Flows
{
    public static readonly FlowStart<FeatureStartInput> FeatureStart = new(FlowKind.Feature, SmctlJson.Default.FeatureStartInput);
    public static readonly FlowFinish<FeatureFinishInput> FeatureFinish = new(FlowKind.Feature, SmctlJson.Default.FeatureFinishInput);
    public static readonly FlowStart<ReleaseStartInput> ReleaseStart = new(FlowKind.Release, SmctlJson.Default.ReleaseStartInput);
    public static readonly FlowFinish<ReleaseFinishInput> ReleaseFinish = new(FlowKind.Release, SmctlJson.Default.ReleaseFinishInput);
    public static readonly FlowStart<HotfixStartInput> HotfixStart = new(FlowKind.Hotfix, SmctlJson.Default.HotfixStartInput);
    public static readonly FlowFinish<HotfixFinishInput> HotfixFinish = new(FlowKind.Hotfix, SmctlJson.Default.HotfixFinishInput);

    /// <summary>
    /// The name or version a finish without one is for, as AVH's finish takes the current branch (finish and propose): the flow branch
    /// of this kind every selected repo has checked out; otherwise one error listing what each repo is on.
    /// </summary>
    public static string CheckedOut(SmctlContext context, FlowModel model, FlowKind kind, IReadOnlyList<string>? repos)
    {
        var prefix = model.Branch(kind, "");
        var what = kind == FlowKind.Feature ? "feature" : "version";
        var on = context.RequireWorkspace().Select(repos).GroupBy(r => Git.RepoReader.CurrentBranch(r.FullPath) ?? "(detached HEAD)").ToList();
        if (on.Count == 1 && on[0].Key.StartsWith(prefix, StringComparison.Ordinal) && on[0].Key.Length > prefix.Length)
            return on[0].Key[prefix.Length..];
        var seen = string.Join("; ", on.Select(g => $"{g.Key} in {string.Join(", ", g.Select(r => r.Name).Take(5))}{(g.Count() > 5 ? ", …" : "")}"));
        throw Errors.SmctlException.Usage($"name the {what} to finish: the selected repos are not all on one {prefix}* branch ({seen})",
            $"see 'smctl flow {kind.ToString().ToLowerInvariant()} list'");
    }
}

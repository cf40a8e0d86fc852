using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Branches;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;

namespace Smctl.Core.Flow;

public sealed record FlowListInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

public sealed record FlowBranchInRepo(string Repo, bool Local, bool Remote, int? Ahead, int? Behind);

/// <param name="Ahead">Commits on the branch not yet in its base; Behind: commits of the base not in the branch.</param>
public sealed record FlowBranch(string Kind, string Name, string Branch, string Base, IReadOnlyList<FlowBranchInRepo> Repos);

public sealed record FlowListResult(IReadOnlyList<FlowBranch> Branches);

/// <summary>The flow branches of one kind (or all) across repos, where they exist and how far they are from their base.</summary>
public sealed class FlowList(FlowKind? kind) : IOperation<FlowListInput, FlowListResult>
{
    public OperationInfo Info { get; } = new(kind is null ? "flow.list" : $"flow.{kind.Value.ToString().ToLowerInvariant()}.list",
        kind is null ? "List every feature, release and hotfix branch, the repos having it, and ahead/behind its base."
            : $"List the {kind.Value.ToString().ToLowerInvariant()} branches across repos, which repos have them, and ahead/behind their base.",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<FlowListInput> InputJson => SmctlJson.Default.FlowListInput;
    public JsonTypeInfo<FlowListResult> ResultJson => SmctlJson.Default.FlowListResult;

    public async Task<FlowListResult> RunAsync(SmctlContext context, FlowListInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var model = FlowModel.From(context.Settings);
        var facts = await RepoFacts.GatherAsync(context, ws.Select(input.Repos), fetch: false, new Problems(), ct).ConfigureAwait(false);
        context.CloseHandles(); // everything below reads the snapshots
        var kinds = kind is { } k ? [k] : Enum.GetValues<FlowKind>();
        var found = new List<FlowBranch>();
        foreach (var each in kinds)
        {
            var prefix = model.Prefix(each);
            var names = facts.SelectMany(f => f.Refs.Refs.Keys)
                .Select(r => r.StartsWith(GitRefs.Heads + prefix, StringComparison.Ordinal) ? r[GitRefs.Heads.Length..]
                    : r.StartsWith(GitRefs.RemotePrefix(GitRefs.DefaultRemote) + prefix, StringComparison.Ordinal) ? r[GitRefs.RemotePrefix(GitRefs.DefaultRemote).Length..] : null)
                .OfType<string>().Distinct().Order(StringComparer.Ordinal);
            foreach (var branch in names)
            {
                var holders = facts.Where(f => f.HasBranch(branch)).ToList();
                // Each repo's own base: develop in one, master in another.
                var baseBranch = string.Join(", ", holders.Select(f => f.Flow.Base(each)).Distinct());
                var repos = holders.Select(f =>
                {
                    var baseBranch = f.Flow.Base(each);
                    var tip = f.Local(branch) ?? f.Remote(branch)!;
                    var baseTip = f.Local(baseBranch) ?? f.Remote(baseBranch);
                    var (ahead, behind) = baseTip is null ? ((int?)null, (int?)null) : RepoReader.Divergence(f.Repo.FullPath, tip, baseTip);
                    return new FlowBranchInRepo(f.Repo.Name, f.Local(branch) is not null, f.Remote(branch) is not null, ahead, behind);
                }).ToList();
                found.Add(new FlowBranch(each.ToString().ToLowerInvariant(), branch[prefix.Length..], branch, baseBranch, repos));
            }
        }
        return new FlowListResult(found);
    }
}

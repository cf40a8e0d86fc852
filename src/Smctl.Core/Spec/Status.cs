using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecStatusInput
{
    [Description("Change id, or repo:id (default: the only active change)")]
    [Argument(0, Suggest = Suggestions.ChangeIds)]
    public string? Id { get; init; }
}

/// <param name="Exists">The branch is in the repo.</param>
/// <param name="Merged">Its tip is in develop (null when the branch is gone).</param>
public sealed record LinkedBranch(string Repo, string Branch, bool Exists, bool? Merged);

/// <param name="OpenQuestions">The items of design.md's "Open Questions" section.</param>
/// <param name="Validation">What 'smctl spec validate' says of the change, in brief.</param>
public sealed record SpecStatusResult(string Name, string Id, string Change, string? Repo, int CompletedTasks, int TotalTasks,
    IReadOnlyList<ArtifactState> Artifacts, bool IsPlanningComplete, IReadOnlyList<string> OpenQuestions, string Safety, IReadOnlyList<LinkedBranch> Branches,
    ValidationBrief Validation);

/// <summary>Where a change stands: tasks, artifacts (as 'openspec status'), open questions, its branches per repo and whether they are merged.</summary>
public sealed class SpecStatus : IOperation<SpecStatusInput, SpecStatusResult>
{
    public OperationInfo Info { get; } = new("spec.status",
        "Show a change: tasks done, artifact states (as 'openspec status'), open questions, its branch per repo, its validation.",
        OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<SpecStatusInput> InputJson => SmctlJson.Default.SpecStatusInput;
    public JsonTypeInfo<SpecStatusResult> ResultJson => SmctlJson.Default.SpecStatusResult;

    public Task<SpecStatusResult> RunAsync(SmctlContext context, SpecStatusInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var change = ChangeLocator.Find(SpecRoots.Require(context, ws), input.Id);
        var tasksFile = Path.Combine(change.Dir, "tasks.md");
        var tasks = File.Exists(tasksFile) ? TaskList.Parse(File.ReadAllText(tasksFile)) : [];
        var artifacts = Artifacts.Of(change.Dir);
        var meta = ChangeMeta.Read(change.Dir);
        var workspace = Branches.FlowModel.From(context.Settings);
        var branches = meta is null ? [] : meta.BranchTips(ws).Select(b =>
            new LinkedBranch(b.Repo, meta.Branch!, b.Tip is not null, b.Tip is null ? null
                : Git.RepoReader.WasMergedInto(b.Path, b.Tip, GitRefs.Branch(Branches.RepoFlow.Of(workspace, ws.Repo(b.Repo)).FeatureTarget)))).ToList();
        var design = Path.Combine(change.Dir, "design.md");
        return Task.FromResult(new SpecStatusResult(change.Name, change.Id, change.Dir, change.Root.Repo, tasks.Count(t => t.Done), tasks.Count,
            artifacts, artifacts.All(a => a.Status == "done"), File.Exists(design) ? OpenQuestions(File.ReadAllText(design)) : [],
            meta?.Safety ?? context.Settings.Text(Config.Shared.ConfigKeys.SpecSafety), branches, ValidationBrief.Of(SpecValidate.Change(context, ws, change))));
    }

    /// <summary>The list items under a heading named "Open Questions", up to the next heading of the same or a higher level.</summary>
    public static IReadOnlyList<string> OpenQuestions(string markdown)
    {
        var items = new List<string>();
        int? level = null;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var hashes = line.TakeWhile(c => c == '#').Count();
            if (hashes > 0 && line.Length > hashes && line[hashes] == ' ')
            {
                if (level is { } l && hashes <= l) break;
                if (line[hashes..].Trim().Equals("Open Questions", StringComparison.OrdinalIgnoreCase)) level = hashes;
                continue;
            }
            var trimmed = line.TrimStart();
            if (level is not null && trimmed.Length > 2 && trimmed[0] is '-' or '*' or '+' && trimmed[1] == ' ') items.Add(trimmed[2..].Trim());
        }
        return items;
    }
}

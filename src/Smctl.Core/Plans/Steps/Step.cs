using System.Text.Json.Serialization;

namespace Smctl.Core.Plans.Steps;

/// <summary>
/// One small, serialisable action on one repo — an opcode of a multi-repo program. Every step checks
/// first whether its effect is already there and then does nothing, so a resumed run never does
/// anything twice.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(FetchRemote), "fetch")]
[JsonDerivedType(typeof(BranchCreate), "branch_create")]
[JsonDerivedType(typeof(BranchCheckout), "branch_checkout")]
[JsonDerivedType(typeof(BranchMerge), "branch_merge")]
[JsonDerivedType(typeof(BranchFastForward), "branch_fast_forward")]
[JsonDerivedType(typeof(BranchRebase), "branch_rebase")]
[JsonDerivedType(typeof(BranchDelete), "branch_delete")]
[JsonDerivedType(typeof(BranchPush), "branch_push")]
[JsonDerivedType(typeof(TagCreate), "tag_create")]
[JsonDerivedType(typeof(RefsPush), "refs_push")]
[JsonDerivedType(typeof(GitConfigSet), "config_set")]
[JsonDerivedType(typeof(WorktreeAdd), "worktree_add")]
[JsonDerivedType(typeof(WorktreeRemove), "worktree_remove")]
[JsonDerivedType(typeof(FilesCommit), "files_commit")]
[JsonDerivedType(typeof(ChangeWrite), "change_write")]
public abstract record Step
{
    /// <summary>The step's opcode: its one name in run.json, in saved plans and in --json and MCP results (the attributes above).</summary>
    [JsonIgnore]
    public string Op => Opcodes[GetType()];

    private static readonly Dictionary<Type, string> Opcodes =
        RunStateJson.Default.Step.PolymorphismOptions!.DerivedTypes.ToDictionary(d => d.DerivedType, d => (string)d.TypeDiscriminator!);

    /// <summary>The git command line this step runs, for plans and dry runs.</summary>
    public abstract string Describe();

    /// <summary>Does the step, or nothing when its effect is already there; throws a git error on failure.</summary>
    public abstract Task RunAsync(StepContext context, CancellationToken ct);

    /// <summary>
    /// The work tree this step rewrites files in, and the commit or tree it writes there — so that what a killed git
    /// half-wrote can be put back before the step runs again — or null for a step that writes no work tree.
    /// </summary>
    /// <summary>
    /// Whether the run's state must be on the disk before this step runs: a push (abort must know what went to the
    /// remote) or a deletion (what it deletes proves the steps before it done), so a kill never leaves a state behind it.
    /// </summary>
    [JsonIgnore]
    public virtual bool SavedFirst => false;

    public virtual Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct) => Task.FromResult<WorkTreeWrite?>(null);
}

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
[JsonDerivedType(typeof(ChangeArchive), "change_archive")]
public abstract record Step
{
    /// <summary>The step's opcode: its one name in run.json, in saved plans and in --json and MCP results (the attributes above).</summary>
    [JsonIgnore]
    public string Op => Opcodes[GetType()];

    private static readonly Dictionary<Type, string> Opcodes =
        RunStateJson.Default.Step.PolymorphismOptions!.DerivedTypes.ToDictionary(d => d.DerivedType, d => (string)d.TypeDiscriminator!);

    /// <summary>The git command line this step runs, for plans and dry runs.</summary>
    public abstract string Describe();

    /// <summary>What the step changes in files, as a unified diff, for plans and dry runs; null for a step that changes refs only.</summary>
    [JsonIgnore]
    public virtual string? Detail => null;

    /// <summary>Does the step, or nothing when its effect is already there; throws a git error on failure.</summary>
    public abstract Task RunAsync(StepContext context, CancellationToken ct);

    /// <summary>
    /// Whether the run's state must be on the disk before this step runs: a push (abort must know what went to the
    /// remote) or a deletion (what it deletes proves the steps before it done), so a kill never leaves a state behind it.
    /// </summary>
    [JsonIgnore]
    public virtual bool SavedFirst => false;

    /// <summary>
    /// Abort and undo, once the refs are back: files this step wrote that no ref holds (uncommitted ones) are put back,
    /// each said in <paramref name="putBack"/>, or what could not be in <paramref name="problems"/>. Most steps write none.
    /// </summary>
    public virtual Task PutBackFilesAsync(StepContext context, bool dryRun, ICollection<string> putBack, ICollection<string> problems, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Paths (relative to the repo) whose files this step puts back itself (<see cref="PutBackFilesAsync"/>): what a
    /// killed git half-wrote for another step is looked for elsewhere, never here.
    /// </summary>
    [JsonIgnore]
    public virtual IReadOnlyList<string> OwnedPaths => [];

    /// <summary>
    /// The work tree this step rewrites files in, and the commit or tree it writes there — so that what a killed git
    /// half-wrote can be put back before the step runs again — or null for a step that writes no work tree.
    /// </summary>
    public virtual Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct) => Task.FromResult<WorkTreeWrite?>(null);
}

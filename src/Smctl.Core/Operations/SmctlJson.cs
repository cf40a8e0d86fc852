using System.Text.Json.Serialization;
using Smctl.Core.Config;
using Smctl.Core.Errors;
using Smctl.Core.Exec;
using Smctl.Core.Workspace;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Operations;

/// <summary>
/// The source-generated JSON contract of every operation's input and result (NativeAOT-safe). The CLI's
/// <c>--json</c> and the MCP tools' structured content both serialize through it, so they cannot differ.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    // An MCP client's misspelt argument is an error, not silently ignored.
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ErrorInfo))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateStatusInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateStatusResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsListInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsListResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsAddInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsAddResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsRemoveInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateModelsRemoveResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateRoutesListInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateRoutesSetInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateRoutesRemoveInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateRoutesResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateTestInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateTestResult))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateLogsInput))]
[JsonSerializable(typeof(Smctl.Core.Gate.GateLogsResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecValidateInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecValidateResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecArchiveInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecArchiveResult))]
[JsonSerializable(typeof(Smctl.Core.Plans.RunResult))]
[JsonSerializable(typeof(Smctl.Core.Plans.PlanInput))]
[JsonSerializable(typeof(Smctl.Core.Plans.PlanListInput))]
[JsonSerializable(typeof(Smctl.Core.Plans.PlanListResult))]
[JsonSerializable(typeof(Smctl.Core.Flow.FeatureStartInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.ReleaseStartInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.HotfixStartInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.FeatureFinishInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.ReleaseFinishInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.HotfixFinishInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.FlowUpdateInput))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildInput))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildResult))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildGraphInput))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildGraphResult))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildStatusInput))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildStatusResult))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildCleanCacheInput))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildCleanCacheResult))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreeAddInput))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreeListInput))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreeListResult))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreeRemoveInput))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreePathInput))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreePathResult))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreePruneInput))]
[JsonSerializable(typeof(Smctl.Core.Worktree.WorktreePruneResult))]
[JsonSerializable(typeof(Smctl.Core.Flow.FlowInitInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.FlowListInput))]
[JsonSerializable(typeof(Smctl.Core.Flow.FlowListResult))]
[JsonSerializable(typeof(Smctl.Core.Plans.RunControlInput))]
[JsonSerializable(typeof(WorkspaceStatusInput))]
[JsonSerializable(typeof(WorkspaceStatusResult))]
[JsonSerializable(typeof(WorkspaceListInput))]
[JsonSerializable(typeof(WorkspaceListResult))]
[JsonSerializable(typeof(WorkspaceInitInput))]
[JsonSerializable(typeof(WorkspaceInitResult))]
[JsonSerializable(typeof(WorkspaceAddInput))]
[JsonSerializable(typeof(WorkspaceRemoveInput))]
[JsonSerializable(typeof(RepoAction))]
[JsonSerializable(typeof(WorkspaceSyncInput))]
[JsonSerializable(typeof(WorkspaceSyncResult))]
[JsonSerializable(typeof(WorkspaceCheckoutInput))]
[JsonSerializable(typeof(WorkspaceCheckoutResult))]
[JsonSerializable(typeof(ExecInput))]
[JsonSerializable(typeof(ExecResult))]
[JsonSerializable(typeof(ConfigShowInput))]
[JsonSerializable(typeof(ConfigShowResult))]
[JsonSerializable(typeof(ConfigGetInput))]
[JsonSerializable(typeof(ConfigValue))]
[JsonSerializable(typeof(ConfigSetInput))]
[JsonSerializable(typeof(ConfigSetResult))]
[JsonSerializable(typeof(Smctl.Core.Mcp.McpConfigInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecNewInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecNewResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecListInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecListResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecFastForwardInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecFastForwardResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecStatusInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecStatusResult))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecApplyInput))]
[JsonSerializable(typeof(Smctl.Core.Spec.SpecApplyResult))]
[JsonSerializable(typeof(Smctl.Core.Release.ReleasePlanInput))]
[JsonSerializable(typeof(Smctl.Core.Release.ReleasePlanResult))]
[JsonSerializable(typeof(Smctl.Core.Release.ReleaseNotesInput))]
[JsonSerializable(typeof(Smctl.Core.Release.ReleaseNotesResult))]
[JsonSerializable(typeof(Smctl.Core.Mcp.McpConfigResult))]
public sealed partial class SmctlJson : JsonSerializerContext;

/// <summary>smctl's own bookkeeping (run state, saved plans): compact, rewritten after every step.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Smctl.Core.Plans.RunState))]
[JsonSerializable(typeof(Smctl.Core.Plans.SavedPlan))]
[JsonSerializable(typeof(Smctl.Core.Build.Shared.BuildCacheEntry))]
[JsonSerializable(typeof(List<Smctl.Core.Build.Shared.VerifyResult>))]
[JsonSerializable(typeof(Smctl.Core.Build.BuildResult))]
[JsonSerializable(typeof(Dictionary<string, long>))]
public sealed partial class StateJson : JsonSerializerContext;

using Smctl.Core.Branches;
using Smctl.Core.Config;
using Smctl.Core.Exec;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Smctl.Core.Runs;
using Smctl.Core.Workspace;

namespace Smctl.Core.Catalog;

/// <summary>Every capability of smctl, declared once; the CLI and the MCP server are both derived from this list.</summary>
public static class OperationCatalog
{
    public static readonly WorkspaceInit WorkspaceInit = new();
    public static readonly WorkspaceAdd WorkspaceAdd = new();
    public static readonly WorkspaceRemove WorkspaceRemove = new();
    public static readonly WorkspaceStatus WorkspaceStatus = new();
    public static readonly WorkspaceSync WorkspaceSync = new();
    public static readonly WorkspaceList WorkspaceList = new();
    public static readonly WorkspaceCheckout WorkspaceCheckout = new();
    public static readonly ExecRun Exec = new();
    public static readonly ConfigShow ConfigShow = new();
    public static readonly ConfigGet ConfigGet = new();
    public static readonly ConfigSet ConfigSet = new();

    public static readonly FlowInit FlowInit = new();
    public static readonly FlowStart<FeatureStartInput> FeatureStart = Flows.FeatureStart;
    public static readonly FlowFinish<FeatureFinishInput> FeatureFinish = Flows.FeatureFinish;
    public static readonly FlowList FeatureList = new(FlowKind.Feature);
    public static readonly FlowUpdate FeatureUpdate = new();
    public static readonly FlowPropose FeaturePropose = new();
    public static readonly FlowStart<ReleaseStartInput> ReleaseStart = Flows.ReleaseStart;
    public static readonly FlowFinish<ReleaseFinishInput> ReleaseFinish = Flows.ReleaseFinish;
    public static readonly FlowList ReleaseList = new(FlowKind.Release);
    public static readonly FlowStart<HotfixStartInput> HotfixStart = Flows.HotfixStart;
    public static readonly FlowFinish<HotfixFinishInput> HotfixFinish = Flows.HotfixFinish;
    public static readonly FlowList HotfixList = new(FlowKind.Hotfix);
    public static readonly FlowList FlowBranches = new(null);
    public static readonly RunControl Continue = new(RunControl.Verb.Continue);
    public static readonly RunControl Skip = new(RunControl.Verb.Skip);
    public static readonly RunControl Abort = new(RunControl.Verb.Abort);
    public static readonly RunControl Undo = new(RunControl.Verb.Undo);
    public static readonly RunControl FlowStatus = new(RunControl.Verb.Status);

    public static readonly Worktree.WorktreeAdd WorktreeAdd = new();
    public static readonly Worktree.WorktreeList WorktreeList = new();
    public static readonly Worktree.WorktreeRemove WorktreeRemove = new();
    public static readonly Worktree.WorktreePath WorktreePath = new();
    public static readonly Worktree.WorktreePrune WorktreePrune = new();
    public static readonly Build.BuildRun Build = new();
    public static readonly Build.BuildGraph BuildGraph = new();
    public static readonly Build.BuildStatus BuildStatus = new();
    public static readonly Build.BuildCleanCache BuildCleanCache = new();
    public static readonly PlanShow PlanShow = new();
    public static readonly PlanList PlanList = new();
    public static readonly PlanApply PlanApply = new();
    public static readonly Mcp.McpConfig McpConfig = new();
    public static readonly Spec.SpecNew SpecNew = new();
    public static readonly Spec.SpecList SpecList = new();
    public static readonly Spec.SpecStatus SpecStatus = new();
    public static readonly Spec.SpecFastForward SpecFastForward = new();
    public static readonly Spec.SpecApply SpecApply = new();
    public static readonly Spec.SpecValidate SpecValidate = new();
    public static readonly Spec.SpecArchive SpecArchive = new();
    public static readonly Gate.GateStatus GateStatus = new();
    public static readonly Gate.GateModelsList GateModelsList = new();
    public static readonly Gate.GateModelsAdd GateModelsAdd = new();
    public static readonly Gate.GateModelsRemove GateModelsRemove = new();
    public static readonly Gate.GateRoutesList GateRoutesList = new();
    public static readonly Gate.GateRoutesSet GateRoutesSet = new();
    public static readonly Gate.GateRoutesRemove GateRoutesRemove = new();
    public static readonly Gate.GateTest GateTest = new();
    public static readonly Gate.GateLogs GateLogs = new();
    public static readonly Release.ReleasePlan ReleasePlan = new();
    public static readonly Release.ReleaseNotes ReleaseNotes = new();

    /// <summary>An operation by its dotted name ("config.set"), or null: what a saved call names.</summary>
    public static IOperation? Named(string name) => All.FirstOrDefault(o => o.Info.Name == name);

    public static readonly IReadOnlyList<IOperation> All =
    [
        WorkspaceInit, WorkspaceAdd, WorkspaceRemove, WorkspaceStatus, WorkspaceSync, WorkspaceList, WorkspaceCheckout,
        Exec, ConfigShow, ConfigGet, ConfigSet,
        FlowInit, FeatureStart, FeatureFinish, FeatureUpdate, FeaturePropose, FeatureList, ReleaseStart, ReleaseFinish, ReleaseList, HotfixStart, HotfixFinish, HotfixList,
        FlowBranches, FlowStatus, Continue, Skip, Abort, Undo, PlanShow, PlanList, PlanApply,
        WorktreeAdd, WorktreeList, WorktreeRemove, WorktreePath, WorktreePrune,
        Build, BuildGraph, BuildStatus, BuildCleanCache,
        SpecNew, SpecList, SpecStatus, SpecFastForward, SpecApply, SpecValidate, SpecArchive,
        ReleasePlan, ReleaseNotes,
        GateStatus, GateModelsList, GateModelsAdd, GateModelsRemove, GateRoutesList, GateRoutesSet, GateRoutesRemove, GateTest, GateLogs,
        McpConfig,
    ];
}

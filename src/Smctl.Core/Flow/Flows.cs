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
}

using System.Text.Json.Serialization;

namespace Smctl.Core.Branches;

/// <summary>The kinds of branch the model has: each has its prefix, its base and where it finishes.</summary>
public enum FlowKind
{
    [JsonStringEnumMemberName("feature")] Feature,
    [JsonStringEnumMemberName("release")] Release,
    [JsonStringEnumMemberName("hotfix")] Hotfix,
}

using System.Text.Json.Serialization;

namespace Smctl.Core.Config.Shared;

/// <remarks>The values of the spec.safety setting, so the setting and spec new read them from one place.</remarks>
/// <summary>How much proof a change needs: high and critical changes must reference formal artifacts.</summary>
public enum SafetyClass
{
    [JsonStringEnumMemberName("normal")] Normal,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}

using System.Text.Json.Serialization;

namespace Smctl.Core.Build.Shared;

/// <summary>The build's own bookkeeping under .smctl/ (cache entries, durations, the last build, verify results): compact.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    // A damaged cache file (a null or a missing field) reads as a miss instead of a crash later.
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BuildCacheEntry))]
[JsonSerializable(typeof(List<VerifyResult>))]
[JsonSerializable(typeof(BuildResult))]
[JsonSerializable(typeof(Dictionary<string, long>))]
public sealed partial class BuildStateJson : JsonSerializerContext;

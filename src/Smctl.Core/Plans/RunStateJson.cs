using System.Text.Json.Serialization;

namespace Smctl.Core.Plans;

/// <summary>A run's own bookkeeping (run state, saved plans): compact, rewritten after every step.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(SavedPlan))]
public sealed partial class RunStateJson : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smctl.Core.Plans;

/// <summary>A run's own bookkeeping (run state, saved plans): compact, rewritten after every step.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    // A damaged file (a null or a missing field where the types say none can be) is refused when read, not met as a crash later.
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(AnyCaseEnumConverter<RunPhase>), typeof(AnyCaseEnumConverter<StepStatus>)])]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(SavedPlan))]
public sealed partial class RunStateJson : JsonSerializerContext;

/// <summary>
/// A phase or step status in a run file, read whatever its case: earlier versions wrote the members' own names
/// ("Done"), and a run they left interrupted or completed must still continue, abort or undo. Written as the JSON names
/// (the member's name in lower case), what --json says.
/// </summary>
public sealed class AnyCaseEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new JsonException($"not a {typeof(T).Name}: {(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString().ToLowerInvariant());
}

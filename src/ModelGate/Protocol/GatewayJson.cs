using System.Text.Json.Serialization;
using ModelGate.Routing;

namespace ModelGate.Protocol;

/// <summary>The protocol's JSON objects other than inference (which is read and written by hand, for speed).</summary>
public sealed record ServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
public sealed record ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);
public sealed record ErrorResponse(string Error);
public sealed record LiveResponse(bool Live);
public sealed record ReadyResponse(bool Ready);
public sealed record ModelReadyResponse(string Name, bool Ready);
public sealed record RepositoryIndexRequest(bool? Ready);
public sealed record RepositoryIndexItem(string Name, string? Version, string State, string Reason);
public sealed record RouteRequest(string? Endpoint, string? Version);
public sealed record LogLineJson(DateTimeOffset Time, string Level, string? Model, string Message);
public sealed record LogResponse(IReadOnlyList<LogLineJson> Lines);
public sealed record Duration(long Count, long Ns);
public sealed record InferenceStats(Duration Success, Duration Fail, Duration Queue, Duration ComputeInput, Duration ComputeInfer, Duration ComputeOutput);
public sealed record LatencyPercentiles(double P50Us, double P90Us, double P99Us, double MaxUs);
public sealed record ModelStats(string Name, string Version, long LastInference, long InferenceCount, long ExecutionCount, InferenceStats InferenceStats, LatencyPercentiles? Modelgate);
public sealed record StatsResponse(IReadOnlyList<ModelStats> ModelStats);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerMetadata))]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ModelReadyResponse))]
[JsonSerializable(typeof(RepositoryIndexRequest))]
[JsonSerializable(typeof(List<RepositoryIndexItem>))]
[JsonSerializable(typeof(RouteRequest))]
[JsonSerializable(typeof(RouteList))]
[JsonSerializable(typeof(Route))]
[JsonSerializable(typeof(LogLineJson))]
[JsonSerializable(typeof(LogResponse))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
public sealed partial class GatewayJson : JsonSerializerContext;

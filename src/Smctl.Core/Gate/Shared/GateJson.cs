using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smctl.Core.Gate.Shared;

/// <summary>The Open Inference Protocol's JSON as servers send it (snake_case), read leniently: Triton, KServe and MLServer differ in what they leave out.</summary>
public sealed record V2Server(string? Name, string? Version, IReadOnlyList<string>? Extensions);
public sealed record V2Tensor(string Name, string Datatype, IReadOnlyList<long> Shape);
public sealed record V2Model(string Name, IReadOnlyList<string>? Versions, string? Platform, IReadOnlyList<V2Tensor>? Inputs, IReadOnlyList<V2Tensor>? Outputs);
public sealed record V2IndexItem(string Name, string? Version, string? State, string? Reason);
public sealed record V2Error(string? Error);
public sealed record V2Route(string Model, string? Version, string? Endpoint);
public sealed record V2Routes(IReadOnlyList<V2Route>? Routes);
public sealed record V2RouteRequest(string? Endpoint, string? Version);
public sealed record V2LogLine(DateTimeOffset Time, string Level, string? Model, string Message);
public sealed record V2Logs(IReadOnlyList<V2LogLine>? Lines);
public sealed record V2IndexRequest(bool Ready);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(V2Server))]
[JsonSerializable(typeof(V2Model))]
[JsonSerializable(typeof(List<V2IndexItem>))]
[JsonSerializable(typeof(V2Error))]
[JsonSerializable(typeof(V2Routes))]
[JsonSerializable(typeof(V2Route))]
[JsonSerializable(typeof(V2RouteRequest))]
[JsonSerializable(typeof(V2Logs))]
[JsonSerializable(typeof(V2LogLine))]
[JsonSerializable(typeof(V2IndexRequest))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GateJson : JsonSerializerContext;

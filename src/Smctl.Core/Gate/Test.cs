using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateTestInput
{
    [Description("The model to run")]
    [Argument(0)]
    public required string Model { get; init; }
    [Description("A JSON file: a V2 inference request, or a plain array")]
    [WorkspacePath]
    [Option(Alias = "-i", HelpName = "FILE")]
    public required string Input { get; init; }
    [Description("Shape of a plain array input, e.g. [1,3] (default: its nesting)")]
    [Option(HelpName = "SHAPE")]
    public string? Shape { get; init; }
    [Description("Datatype of a plain array input, e.g. FP32 (default: the model's)")]
    [Option(HelpName = "TYPE")]
    public string? Datatype { get; init; }
    [Description("The model version (default: the server's choice)")]
    [Option(HelpName = "VERSION")]
    public string? Version { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

public sealed record GateTestOutput(string Name, string Datatype, IReadOnlyList<long> Shape, JsonElement? Data);

/// <param name="LatencyMs">The round trip of the inference request, as the client saw it.</param>
public sealed record GateTestResult(string Url, string Model, string? Version, double LatencyMs, IReadOnlyList<GateTestOutput> Outputs);

/// <summary>Runs one inference through the protocol's core endpoint and shows the outputs and the latency.</summary>
public sealed class GateTest : IOperation<GateTestInput, GateTestResult>
{
    public OperationInfo Info { get; } = new("gate.test",
        "Run a test inference on a V2 server's model from a V2 request or an array; returns outputs and latency.",
        OperationEffect.ReadOnly, OpenWorld: true);
    public JsonTypeInfo<GateTestInput> InputJson => SmctlJson.Default.GateTestInput;
    public JsonTypeInfo<GateTestResult> ResultJson => SmctlJson.Default.GateTestResult;

    public async Task<GateTestResult> RunAsync(SmctlContext context, GateTestInput input, CancellationToken ct)
    {
        var path = Path.GetFullPath(input.Input, context.CurrentDirectory);
        if (!File.Exists(path)) throw SmctlException.Usage($"{input.Input}: no such file", "give a JSON file: a V2 request or an array of values");
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)); }
        catch (JsonException e) { throw SmctlException.Usage($"{input.Input} is not JSON: {e.Message}"); }
        var client = GateTargets.One(context, input.Url);
        var request = parsed switch
        {
            JsonObject o when o.ContainsKey("inputs") => o.ToJsonString(),
            JsonArray a => await PlainRequestAsync(client, input, a, ct).ConfigureAwait(false),
            _ => throw SmctlException.Usage($"{input.Input} is neither a V2 request (an object with \"inputs\") nor an array of values"),
        };
        var (response, latency) = await client.InferAsync(input.Model, input.Version, request, ct).ConfigureAwait(false);
        var outputs = response.TryGetProperty("outputs", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(o => new GateTestOutput(
                o.GetProperty("name").GetString() ?? "", o.TryGetProperty("datatype", out var d) ? d.GetString() ?? "" : "",
                o.TryGetProperty("shape", out var s) ? [.. s.EnumerateArray().Select(x => x.GetInt64())] : [],
                o.TryGetProperty("data", out var data) ? data.Clone() : null)).ToList()
            : [];
        var version = response.TryGetProperty("model_version", out var v) ? v.GetString() : null;
        return new GateTestResult(client.Name, input.Model, version, Math.Round(latency, 3), outputs);
    }

    /// <summary>A V2 request for the model's only input, its shape from --shape, the array's nesting, or the model.</summary>
    private static async Task<string> PlainRequestAsync(GateClient client, GateTestInput input, JsonArray values, CancellationToken ct)
    {
        var meta = await client.ModelAsync(input.Model, input.Version, ct).ConfigureAwait(false);
        var inputs = meta.Inputs ?? [];
        if (inputs.Count != 1)
            throw SmctlException.Usage($"model '{input.Model}' has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}): a plain array can feed only one",
                "write a V2 request JSON with every input");
        var tensor = inputs[0];
        var count = Flatten(values).Count();
        long[] shape;
        if (input.Shape is { } text)
            shape = ParseShape(text);
        else if (values.Any(v => v is JsonArray))
            shape = NestedShape(values);
        else if (tensor.Shape.All(d => d >= 0) && tensor.Shape.Aggregate(1L, (a, b) => a * b) == count)
            shape = [.. tensor.Shape];
        else if (tensor.Shape.Count == 1)
            shape = [count];
        else
            throw SmctlException.Usage($"model '{input.Model}' takes {tensor.Name} of shape [{string.Join(",", tensor.Shape)}]: say the shape of these {count} values", "pass --shape, e.g. --shape 1,3");
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = tensor.Name,
                ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)d)]),
                ["datatype"] = input.Datatype ?? tensor.Datatype,
                ["data"] = values.DeepClone(),
            }),
        };
        return request.ToJsonString();
    }

    private static IEnumerable<JsonNode?> Flatten(JsonArray array) => array.SelectMany(n => n is JsonArray inner ? Flatten(inner) : [n]);

    private static long[] NestedShape(JsonArray array)
    {
        var shape = new List<long>();
        JsonNode? level = array;
        while (level is JsonArray a)
        {
            shape.Add(a.Count);
            level = a.Count > 0 ? a[0] : null;
        }
        return [.. shape];
    }

    private static long[] ParseShape(string text)
    {
        var parts = text.Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var dims = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], out dims[i]) || dims[i] < 0) throw SmctlException.Usage($"'{text}' is not a shape", "write it as numbers separated by commas: 1,3");
        return dims;
    }
}

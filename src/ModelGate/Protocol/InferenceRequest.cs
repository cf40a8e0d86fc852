using System.Text.Json;

namespace ModelGate.Protocol;

/// <summary>An input tensor of a request: where its data is (a JSON slice, or binary bytes after the JSON).</summary>
public sealed class RequestedInput
{
    public required string Name { get; init; }
    public required long[] Shape { get; init; }
    public required string Datatype { get; init; }
    /// <summary>The "data" value's bytes within the body, when it is JSON.</summary>
    public Range? JsonData { get; set; }
    /// <summary>The tensor's bytes within the body, with the binary tensor data extension.</summary>
    public Range? BinaryData { get; set; }
    internal long? BinaryDataSize { get; set; }
}

/// <param name="Binary">The output's binary_data parameter, when given.</param>
public sealed record RequestedOutput(string Name, bool? Binary);

/// <summary>
/// An inference request ($inference_request), read straight from the body: the JSON object, then (binary tensor data
/// extension) each binary input's bytes in the order the inputs are listed. Tensor data stays in the body until used.
/// </summary>
public sealed class InferenceRequest
{
    public string? Id { get; private set; }
    public List<RequestedInput> Inputs { get; } = [];
    public List<RequestedOutput>? Outputs { get; private set; }
    /// <summary>binary_data_output: every output in binary unless it says otherwise.</summary>
    public bool BinaryOutputs { get; private set; }
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <param name="jsonLength">Inference-Header-Content-Length (the JSON's length), or the whole body.</param>
    public static InferenceRequest Parse(ReadOnlyMemory<byte> body, int jsonLength)
    {
        if (jsonLength < 0 || jsonLength > body.Length) throw ProtocolException.BadRequest($"Inference-Header-Content-Length {jsonLength} is not within the body of {body.Length} bytes");
        var request = new InferenceRequest { Body = body };
        var reader = new Utf8JsonReader(body.Span[..jsonLength], new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "the request");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                Next(ref reader);
                switch (property)
                {
                    case "id": request.Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw ProtocolException.BadRequest("'id' must be a string"); break;
                    case "inputs": ReadArray(ref reader, "inputs", (ref Utf8JsonReader r) => request.Inputs.Add(ReadInput(ref r))); break;
                    case "outputs":
                        request.Outputs = [];
                        ReadArray(ref reader, "outputs", (ref Utf8JsonReader r) => request.Outputs.Add(ReadOutput(ref r)));
                        break;
                    case "parameters":
                        ReadParameters(ref reader, "parameters", (string name, ref Utf8JsonReader r) =>
                        {
                            if (name == "binary_data_output") request.BinaryOutputs = Bool(ref r, name);
                            else r.Skip();
                        });
                        break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException e)
        {
            throw ProtocolException.BadRequest($"the request is not valid JSON: {e.Message}");
        }
        if (request.Inputs.Count == 0) throw ProtocolException.BadRequest("the request has no inputs");
        var offset = jsonLength;
        foreach (var input in request.Inputs.Where(i => i.BinaryDataSize is not null))
        {
            var size = input.BinaryDataSize!.Value;
            if (size < 0 || offset + size > body.Length)
                throw ProtocolException.BadRequest($"input '{input.Name}': binary_data_size {size} runs past the end of the body");
            input.BinaryData = offset..(int)(offset + size);
            offset += (int)size;
        }
        if (offset != body.Length && jsonLength != body.Length)
            throw ProtocolException.BadRequest($"the body has {body.Length - offset} bytes after the binary inputs that no input claims");
        foreach (var input in request.Inputs)
            if (input.JsonData is null && input.BinaryData is null) throw ProtocolException.BadRequest($"input '{input.Name}' has no data");
        return request;
    }

    private delegate void ElementReader(ref Utf8JsonReader reader);
    private delegate void ParameterReader(string name, ref Utf8JsonReader reader);

    private static RequestedInput ReadInput(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an input", alreadyRead: true);
        string? name = null, datatype = null;
        long[]? shape = null;
        Range? data = null;
        long? binarySize = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            Next(ref reader);
            switch (property)
            {
                case "name": name = String(ref reader, "input name"); break;
                case "datatype": datatype = String(ref reader, "datatype"); break;
                case "shape":
                    var dims = new List<long>();
                    ReadArray(ref reader, "shape", (ref Utf8JsonReader r) =>
                        dims.Add(r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var d) && d >= 0 ? d : throw ProtocolException.BadRequest("a shape holds non-negative integers")));
                    shape = [.. dims];
                    break;
                case "data":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    data = start..(int)reader.BytesConsumed;
                    break;
                case "parameters":
                    ReadParameters(ref reader, "input parameters", (string p, ref Utf8JsonReader r) =>
                    {
                        if (p == "binary_data_size")
                            binarySize = r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var n) ? n : throw ProtocolException.BadRequest("binary_data_size must be an integer");
                        else r.Skip();
                    });
                    break;
                default: reader.Skip(); break;
            }
        }
        if (name is null) throw ProtocolException.BadRequest("an input has no name");
        if (datatype is null) throw ProtocolException.BadRequest($"input '{name}' has no datatype");
        if (shape is null) throw ProtocolException.BadRequest($"input '{name}' has no shape");
        return new RequestedInput { Name = name, Datatype = datatype, Shape = shape, JsonData = binarySize is null ? data : null, BinaryDataSize = binarySize };
    }

    private static RequestedOutput ReadOutput(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an output", alreadyRead: true);
        string? name = null;
        bool? binary = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            Next(ref reader);
            if (property == "name") name = String(ref reader, "output name");
            else if (property == "parameters")
                ReadParameters(ref reader, "output parameters", (string p, ref Utf8JsonReader r) =>
                {
                    if (p == "binary_data") binary = Bool(ref r, p);
                    else r.Skip();
                });
            else reader.Skip();
        }
        return new RequestedOutput(name ?? throw ProtocolException.BadRequest("a requested output has no name"), binary);
    }

    private static void ReadArray(ref Utf8JsonReader reader, string what, ElementReader element)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw ProtocolException.BadRequest($"'{what}' must be an array");
        while (Next(ref reader) != JsonTokenType.EndArray) element(ref reader);
    }

    private static void ReadParameters(ref Utf8JsonReader reader, string what, ParameterReader parameter)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw ProtocolException.BadRequest($"'{what}' must be an object");
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            parameter(name, ref reader);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw ProtocolException.BadRequest("the request JSON ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, bool alreadyRead = false)
    {
        if (!alreadyRead) Next(ref reader);
        if (reader.TokenType != type) throw ProtocolException.BadRequest($"{what} must be a JSON {(type == JsonTokenType.StartObject ? "object" : "array")}");
    }

    private static string String(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw ProtocolException.BadRequest($"{what} must be a string");

    private static bool Bool(ref Utf8JsonReader reader, string what) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw ProtocolException.BadRequest($"'{what}' must be true or false"),
    };
}

using Google.Protobuf;

namespace ModelGate.Tests.Testing;

/// <summary>
/// Small ONNX models, encoded here field by field with Google.Protobuf (ONNX's ModelProto: graph, nodes, typed inputs
/// and outputs, initializers), so the tests need no model files: Add, MatMul+Add, and Identity of every datatype.
/// </summary>
public static class OnnxModels
{
    /// <summary>ONNX's TensorProto.DataType numbers, by protocol datatype name.</summary>
    public static readonly IReadOnlyDictionary<string, int> ElementTypes = new Dictionary<string, int>
    {
        ["FP32"] = 1, ["UINT8"] = 2, ["INT8"] = 3, ["UINT16"] = 4, ["INT16"] = 5, ["INT32"] = 6, ["INT64"] = 7, ["BYTES"] = 8,
        ["BOOL"] = 9, ["FP16"] = 10, ["FP64"] = 11, ["UINT32"] = 12, ["UINT64"] = 13, ["BF16"] = 16,
    };

    /// <summary>sum = a + b, FP32 tensors of one dimension of any length.</summary>
    public static byte[] Add(string type = "FP32") => Model(Graph("add",
        [Node("Add", ["a", "b"], ["sum"])],
        [Value("a", type, ["N"]), Value("b", type, ["N"])],
        [Value("sum", type, ["N"])]));

    /// <summary>y = x · W + B with W = [[1,2],[3,4],[5,6]] and B = [0.5, -0.5]: x is FP32 [batch, 3], y is [batch, 2].</summary>
    public static byte[] MatMulAdd() => Model(Graph("matmul_add",
        [Node("MatMul", ["x", "W"], ["xw"]), Node("Add", ["xw", "B"], ["y"])],
        [Value("x", "FP32", ["batch", 3L])],
        [Value("y", "FP32", ["batch", 2L])],
        [Initializer("W", [3, 2], [1, 2, 3, 4, 5, 6]), Initializer("B", [2], [0.5f, -0.5f])]));

    /// <summary>y = x for a tensor of <paramref name="type"/> of one dimension of any length.</summary>
    public static byte[] Identity(string type) => Model(Graph("identity_" + type.ToLowerInvariant(),
        [Node("Identity", ["x"], ["y"])], [Value("x", type, ["N"])], [Value("y", type, ["N"])]));

    public static void WriteTo(string modelsDir, string name, string version, byte[] model)
    {
        var dir = Path.Combine(modelsDir, name, version);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), model);
    }

    private static byte[] Model(Proto graph) => new Proto()
        .Int(1, 8)                                            // ir_version
        .Str(2, "smctl-tests")                                // producer_name
        .Msg(7, graph)                                        // graph
        .Msg(8, new Proto().Str(1, "").Int(2, 17))            // opset_import: the default domain, opset 17
        .ToArray();

    private static Proto Graph(string name, Proto[] nodes, Proto[] inputs, Proto[] outputs, Proto[]? initializers = null)
    {
        var graph = new Proto();
        foreach (var n in nodes) graph.Msg(1, n);
        graph.Str(2, name);
        foreach (var i in initializers ?? []) graph.Msg(5, i);
        foreach (var i in inputs) graph.Msg(11, i);
        foreach (var o in outputs) graph.Msg(12, o);
        return graph;
    }

    private static Proto Node(string op, string[] inputs, string[] outputs)
    {
        var node = new Proto();
        foreach (var i in inputs) node.Str(1, i);
        foreach (var o in outputs) node.Str(2, o);
        return node.Str(3, op.ToLowerInvariant() + "_" + outputs[0]).Str(4, op);
    }

    /// <summary>A typed input or output; each dimension a fixed size (long) or a named, free one (string).</summary>
    private static Proto Value(string name, string type, object[] dims)
    {
        var shape = new Proto();
        foreach (var d in dims) shape.Msg(1, d is string param ? new Proto().Str(2, param) : new Proto().Int(1, Convert.ToInt64(d)));
        var tensor = new Proto().Int(1, ElementTypes[type]).Msg(2, shape);
        return new Proto().Str(1, name).Msg(2, new Proto().Msg(1, tensor));
    }

    private static Proto Initializer(string name, long[] dims, float[] values)
    {
        var t = new Proto();
        foreach (var d in dims) t.Int(1, d);
        t.Int(2, 1).Str(8, name);
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return t.Bytes(9, raw);
    }

    /// <summary>A protobuf message written field by field.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _buffer = new();
        private readonly CodedOutputStream _out;

        public Proto() => _out = new CodedOutputStream(_buffer, leaveOpen: true);

        public Proto Int(int field, long value)
        {
            _out.WriteTag(field, WireFormat.WireType.Varint);
            _out.WriteInt64(value);
            return this;
        }

        public Proto Str(int field, string value)
        {
            _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _out.WriteString(value);
            return this;
        }

        public Proto Bytes(int field, byte[] value)
        {
            _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _out.WriteBytes(ByteString.CopyFrom(value));
            return this;
        }

        public Proto Msg(int field, Proto message) => Bytes(field, message.ToArray());

        public byte[] ToArray()
        {
            _out.Flush();
            return _buffer.ToArray();
        }
    }
}

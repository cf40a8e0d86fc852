using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelGate.Protocol;

/// <summary>A tensor element type of the Open Inference Protocol, the ONNX type it is, and its size in bytes (0: variable, BYTES).</summary>
public sealed record DataType(string Name, TensorElementType Onnx, int Size);

/// <summary>The protocol's datatypes (BOOL, UINT8…UINT64, INT8…INT64, FP16, BF16, FP32, FP64, BYTES) and their ONNX twins.</summary>
public static class DataTypes
{
    public static readonly DataType Bool = new("BOOL", TensorElementType.Bool, 1);
    public static readonly DataType UInt8 = new("UINT8", TensorElementType.UInt8, 1);
    public static readonly DataType UInt16 = new("UINT16", TensorElementType.UInt16, 2);
    public static readonly DataType UInt32 = new("UINT32", TensorElementType.UInt32, 4);
    public static readonly DataType UInt64 = new("UINT64", TensorElementType.UInt64, 8);
    public static readonly DataType Int8 = new("INT8", TensorElementType.Int8, 1);
    public static readonly DataType Int16 = new("INT16", TensorElementType.Int16, 2);
    public static readonly DataType Int32 = new("INT32", TensorElementType.Int32, 4);
    public static readonly DataType Int64 = new("INT64", TensorElementType.Int64, 8);
    public static readonly DataType Fp16 = new("FP16", TensorElementType.Float16, 2);
    public static readonly DataType Bf16 = new("BF16", TensorElementType.BFloat16, 2);
    public static readonly DataType Fp32 = new("FP32", TensorElementType.Float, 4);
    public static readonly DataType Fp64 = new("FP64", TensorElementType.Double, 8);
    public static readonly DataType Bytes = new("BYTES", TensorElementType.String, 0);

    public static readonly IReadOnlyList<DataType> All = [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Bf16, Fp32, Fp64, Bytes];

    private static readonly Dictionary<string, DataType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly Dictionary<TensorElementType, DataType> ByOnnx = All.ToDictionary(t => t.Onnx);

    public static DataType? FromName(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The protocol type of an ONNX element type, or null for one the protocol has no name for (complex numbers, 4-bit types).</summary>
    public static DataType? FromOnnx(TensorElementType type) => ByOnnx.GetValueOrDefault(type);
}

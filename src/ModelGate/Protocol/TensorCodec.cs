using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelGate.Protocol;

/// <summary>
/// Turns request tensors into ONNX Runtime values and results back into protocol tensors: JSON data (flat or nested,
/// row-major) or binary data (little-endian, BYTES as 4-byte length + bytes), every datatype ONNX Runtime supports.
/// </summary>
public static class TensorCodec
{
    public static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        return count;
    }

    public static OrtValue ToOrtValue(RequestedInput input, DataType type, ReadOnlySpan<byte> body)
    {
        var count = ElementCount(input.Shape);
        if (type == DataTypes.Bytes) return StringTensor(input, count, body);
        if (input.BinaryData is { } binary)
        {
            var bytes = body[binary];
            if (bytes.Length != count * type.Size)
                throw ProtocolException.BadRequest($"input '{input.Name}': {bytes.Length} bytes of binary data for shape [{string.Join(',', input.Shape)}] of {type.Name} ({count * type.Size} expected)");
            var tensor = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type.Onnx, input.Shape);
            bytes.CopyTo(tensor.GetTensorMutableRawData());
            return tensor;
        }
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type.Onnx, input.Shape);
        try
        {
            var written = FillFromJson(value.GetTensorMutableRawData(), type, body[input.JsonData!.Value], input.Name, count);
            if (written != count)
                throw ProtocolException.BadRequest($"input '{input.Name}': {written} values for shape [{string.Join(',', input.Shape)}] ({count} expected)");
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>Reads every value of a (possibly nested) JSON array into the tensor's bytes; returns how many there were.</summary>
    private static long FillFromJson(Span<byte> raw, DataType type, ReadOnlySpan<byte> json, string name, long expected)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        long i = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray) continue;
                if (i >= expected) { i++; continue; }
                var at = raw.Slice((int)(i * type.Size), type.Size);
                var ok = type.Onnx switch
                {
                    TensorElementType.Bool => reader.TokenType is JsonTokenType.True or JsonTokenType.False && Put(at, reader.TokenType == JsonTokenType.True ? (byte)1 : (byte)0),
                    TensorElementType.UInt8 => reader.TryGetByte(out var u8) && Put(at, u8),
                    TensorElementType.Int8 => reader.TryGetSByte(out var i8) && Put(at, i8),
                    TensorElementType.UInt16 => reader.TryGetUInt16(out var u16) && Put(at, u16),
                    TensorElementType.Int16 => reader.TryGetInt16(out var i16) && Put(at, i16),
                    TensorElementType.UInt32 => reader.TryGetUInt32(out var u32) && Put(at, u32),
                    TensorElementType.Int32 => reader.TryGetInt32(out var i32) && Put(at, i32),
                    TensorElementType.UInt64 => reader.TryGetUInt64(out var u64) && Put(at, u64),
                    TensorElementType.Int64 => reader.TryGetInt64(out var i64) && Put(at, i64),
                    TensorElementType.Float => reader.TryGetSingle(out var f) && Put(at, f),
                    TensorElementType.Double => reader.TryGetDouble(out var d) && Put(at, d),
                    TensorElementType.Float16 => reader.TryGetDouble(out var h) && Put(at, BitConverter.HalfToUInt16Bits((Half)h)),
                    TensorElementType.BFloat16 => reader.TryGetSingle(out var b) && Put(at, ToBFloat16(b)),
                    _ => false,
                };
                if (!ok) throw ProtocolException.BadRequest($"input '{name}': {Describe(ref reader)} is not a {type.Name} value");
                i++;
            }
        }
        catch (JsonException e)
        {
            throw ProtocolException.BadRequest($"input '{name}': its data is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            throw ProtocolException.BadRequest($"input '{name}': {Describe(ref reader)} is not a {type.Name} value");
        }
        return i;
    }

    private static bool Put<T>(Span<byte> at, T value) where T : unmanaged
    {
        MemoryMarshal.Write(at, in value);
        return true;
    }

    private static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return 0x7FC0;
        // Round to nearest even on the 16 bits dropped.
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    private static float FromBFloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "an object",
    };

    private static OrtValue StringTensor(RequestedInput input, long count, ReadOnlySpan<byte> body)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, input.Shape);
        try
        {
            if (input.BinaryData is { } binary)
            {
                var bytes = body[binary];
                var i = 0;
                while (bytes.Length > 0)
                {
                    if (bytes.Length < 4) throw ProtocolException.BadRequest($"input '{input.Name}': a BYTES element's 4-byte length is cut short");
                    var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                    if (length > bytes.Length - 4) throw ProtocolException.BadRequest($"input '{input.Name}': a BYTES element of {length} bytes runs past its data");
                    if (i >= count) throw ProtocolException.BadRequest($"input '{input.Name}': more than {count} BYTES elements for shape [{string.Join(',', input.Shape)}]");
                    value.StringTensorSetElementAt(bytes.Slice(4, (int)length), i++);
                    bytes = bytes[(4 + (int)length)..];
                }
                if (i != count) throw ProtocolException.BadRequest($"input '{input.Name}': {i} BYTES elements for shape [{string.Join(',', input.Shape)}] ({count} expected)");
                return value;
            }
            var reader = new Utf8JsonReader(body[input.JsonData!.Value]);
            var n = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray) continue;
                if (reader.TokenType != JsonTokenType.String) throw ProtocolException.BadRequest($"input '{input.Name}': {Describe(ref reader)} is not a BYTES value (a string)");
                if (n >= count) { n++; continue; }
                value.StringTensorSetElementAt(reader.GetString().AsSpan(), n++);
            }
            if (n != count) throw ProtocolException.BadRequest($"input '{input.Name}': {n} values for shape [{string.Join(',', input.Shape)}] ({count} expected)");
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>Writes a result's values as a JSON array (FP16 and BF16 as numbers, BYTES as strings).</summary>
    public static void WriteJsonData(Utf8JsonWriter writer, OrtValue value, DataType type)
    {
        writer.WriteStartArray();
        if (type == DataTypes.Bytes)
        {
            var count = (int)value.GetTensorTypeAndShape().ElementCount;
            for (var i = 0; i < count; i++) writer.WriteStringValue(value.GetStringElementAsSpan(i));
            writer.WriteEndArray();
            return;
        }
        ReadOnlySpan<byte> raw = value.GetTensorMutableRawData();
        switch (type.Onnx)
        {
            case TensorElementType.Bool: foreach (var b in raw) writer.WriteBooleanValue(b != 0); break;
            case TensorElementType.UInt8: foreach (var b in raw) writer.WriteNumberValue(b); break;
            case TensorElementType.Int8: foreach (var b in MemoryMarshal.Cast<byte, sbyte>(raw)) writer.WriteNumberValue(b); break;
            case TensorElementType.UInt16: foreach (var v in MemoryMarshal.Cast<byte, ushort>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.Int16: foreach (var v in MemoryMarshal.Cast<byte, short>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.UInt32: foreach (var v in MemoryMarshal.Cast<byte, uint>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.Int32: foreach (var v in MemoryMarshal.Cast<byte, int>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.UInt64: foreach (var v in MemoryMarshal.Cast<byte, ulong>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.Int64: foreach (var v in MemoryMarshal.Cast<byte, long>(raw)) writer.WriteNumberValue(v); break;
            case TensorElementType.Float: foreach (var v in MemoryMarshal.Cast<byte, float>(raw)) WriteFloat(writer, v); break;
            case TensorElementType.Double: foreach (var v in MemoryMarshal.Cast<byte, double>(raw)) WriteFloat(writer, v); break;
            case TensorElementType.Float16: foreach (var v in MemoryMarshal.Cast<byte, ushort>(raw)) WriteFloat(writer, (float)BitConverter.UInt16BitsToHalf(v)); break;
            case TensorElementType.BFloat16: foreach (var v in MemoryMarshal.Cast<byte, ushort>(raw)) WriteFloat(writer, FromBFloat16(v)); break;
        }
        writer.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinity: they are written as the strings Triton writes ("NaN", "Infinity", "-Infinity").</summary>
    private static void WriteFloat(Utf8JsonWriter writer, double v)
    {
        if (double.IsFinite(v)) writer.WriteNumberValue(v);
        else writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteFloat(Utf8JsonWriter writer, float v)
    {
        if (float.IsFinite(v)) writer.WriteNumberValue(v);
        else writer.WriteStringValue(float.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>A result's bytes as the binary tensor data extension sends them.</summary>
    public static byte[] BinaryData(OrtValue value, DataType type)
    {
        if (type != DataTypes.Bytes) return value.GetTensorMutableRawData().ToArray();
        var count = (int)value.GetTensorTypeAndShape().ElementCount;
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            var text = value.GetStringElement(i);
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        return buffer.ToArray();
    }
}

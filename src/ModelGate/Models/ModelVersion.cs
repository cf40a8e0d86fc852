using Microsoft.ML.OnnxRuntime;
using ModelGate.Protocol;
using ModelGate.Telemetry;

namespace ModelGate.Models;

/// <summary>A model input or output as the protocol describes it: name, datatype, shape (-1 for a variable dimension).</summary>
public sealed record TensorInfo(string Name, DataType Type, long[] Shape);

/// <summary>
/// One loaded version of a model: its ONNX Runtime session (made once, used by every request at once), its tensors,
/// and its statistics. Unloading retires it; the session is disposed when the last request using it is done.
/// </summary>
public sealed class ModelVersion
{
    private static readonly RunOptions RunDefaults = new();
    private int _leases;
    private int _retired;
    private int _disposed;

    public string Model { get; }
    public string Version { get; }
    public InferenceSession Session { get; }
    public IReadOnlyList<TensorInfo> Inputs { get; }
    public IReadOnlyList<TensorInfo> Outputs { get; }
    public ModelStatistics Statistics { get; } = new();
    private readonly string[] _allOutputNames;

    public ModelVersion(string model, string version, InferenceSession session)
    {
        Model = model;
        Version = version;
        Session = session;
        Inputs = Describe(session.InputMetadata, session.InputNames, model);
        Outputs = Describe(session.OutputMetadata, session.OutputNames, model);
        _allOutputNames = [.. session.OutputNames];
    }

    private static List<TensorInfo> Describe(IReadOnlyDictionary<string, NodeMetadata> metadata, IReadOnlyList<string> names, string model) =>
        [.. names.Select(n =>
        {
            var m = metadata[n];
            var type = m.IsTensor ? DataTypes.FromOnnx(m.ElementDataType) : null;
            if (type is null) throw new ModelLoadException($"model '{model}': tensor '{n}' is not a tensor of a datatype the protocol has");
            return new TensorInfo(n, type, [.. m.Dimensions.Select(d => (long)d)]);
        })];

    /// <summary>A hold on the session for one request, or null once the version is unloaded.</summary>
    public Lease? TryAcquire()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _retired) == 0) return new Lease(this);
        Release();
        return null;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1) DisposeOnce();
    }

    /// <summary>No new requests; the session goes when the ones running are done.</summary>
    public void Retire()
    {
        Volatile.Write(ref _retired, 1);
        if (Volatile.Read(ref _leases) == 0) DisposeOnce();
    }

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Session.Dispose();
    }

    public readonly struct Lease(ModelVersion version) : IDisposable
    {
        public ModelVersion Version => version;
        public void Dispose() => version.Release();
    }

    /// <summary>The results of one inference: the outputs in the order asked for. Dispose to free ONNX Runtime's memory.</summary>
    public sealed class Result(IReadOnlyList<TensorInfo> outputs, IDisposableReadOnlyCollection<OrtValue> values) : IDisposable
    {
        public IReadOnlyList<TensorInfo> Outputs => outputs;
        public IReadOnlyList<OrtValue> Values => values;
        public void Dispose() => values.Dispose();
    }

    /// <summary>Checks the request against the model's inputs (names, datatypes, shapes), runs it, and returns the outputs asked for.</summary>
    public Result Infer(InferenceRequest request, out long inputNs, out long inferNs)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var names = new string[request.Inputs.Count];
        var values = new OrtValue[request.Inputs.Count];
        try
        {
            if (request.Inputs.Count != Inputs.Count)
                throw ProtocolException.BadRequest($"model '{Model}' expects {Inputs.Count} input{(Inputs.Count == 1 ? "" : "s")} ({string.Join(", ", Inputs.Select(i => i.Name))}), the request has {request.Inputs.Count}");
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                var input = request.Inputs[i];
                var expected = FindInput(input.Name);
                if (input.Datatype != expected.Type.Name)
                    throw ProtocolException.BadRequest($"input '{input.Name}' is {input.Datatype}, but model '{Model}' expects {expected.Type.Name}");
                CheckShape(input, expected);
                names[i] = input.Name;
                values[i] = TensorCodec.ToOrtValue(input, expected.Type, request.Body.Span);
            }
            var wanted = request.Outputs is null ? Outputs : [.. request.Outputs.Select(o => Outputs.FirstOrDefault(x => x.Name == o.Name)
                ?? throw ProtocolException.BadRequest($"model '{Model}' has no output '{o.Name}' (it has {string.Join(", ", Outputs.Select(x => x.Name))})"))];
            var outputNames = request.Outputs is null ? _allOutputNames : [.. wanted.Select(w => w.Name)];
            var ran = System.Diagnostics.Stopwatch.GetTimestamp();
            inputNs = Nanoseconds(start, ran);
            IDisposableReadOnlyCollection<OrtValue> results;
            try { results = Session.Run(RunDefaults, names, values, outputNames); }
            catch (OnnxRuntimeException e) { throw ProtocolException.BadRequest($"model '{Model}' could not run this request: {e.Message}"); }
            inferNs = Nanoseconds(ran, System.Diagnostics.Stopwatch.GetTimestamp());
            return new Result(wanted, results);
        }
        finally
        {
            foreach (var v in values) v?.Dispose();
        }
    }

    private static long Nanoseconds(long from, long to) => (to - from) * 1_000_000_000 / System.Diagnostics.Stopwatch.Frequency;

    private TensorInfo FindInput(string name)
    {
        foreach (var i in Inputs) if (i.Name == name) return i;
        throw ProtocolException.BadRequest($"model '{Model}' has no input '{name}' (it has {string.Join(", ", Inputs.Select(i => i.Name))})");
    }

    private void CheckShape(RequestedInput input, TensorInfo expected)
    {
        var ok = input.Shape.Length == expected.Shape.Length;
        for (var d = 0; ok && d < input.Shape.Length; d++) ok = expected.Shape[d] < 0 || expected.Shape[d] == input.Shape[d];
        if (!ok)
            throw ProtocolException.BadRequest($"input '{input.Name}' has shape [{string.Join(',', input.Shape)}], but model '{Model}' expects [{string.Join(',', expected.Shape)}] (-1: any size)");
    }
}

/// <summary>A model that cannot be loaded (not ONNX, an unsupported tensor type), with why.</summary>
public sealed class ModelLoadException(string message) : Exception(message);

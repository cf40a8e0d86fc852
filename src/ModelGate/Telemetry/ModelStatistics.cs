namespace ModelGate.Telemetry;

/// <summary>
/// Counts and latencies of one model version (Triton's statistics extension: successes, failures and time spent in
/// each phase), plus percentiles over the most recent requests.
/// </summary>
public sealed class ModelStatistics
{
    private const int Window = 2048;
    private readonly Lock _lock = new();
    private readonly long[] _recent = new long[Window];
    private long _recentCount;

    public long SuccessCount { get; private set; }
    public long SuccessNs { get; private set; }
    public long FailCount { get; private set; }
    public long FailNs { get; private set; }
    public long ComputeInputNs { get; private set; }
    public long ComputeInferNs { get; private set; }
    public long ComputeOutputNs { get; private set; }
    /// <summary>Milliseconds since the epoch of the last inference, 0 before the first.</summary>
    public long LastInference { get; private set; }

    public void Success(long inputNs, long inferNs, long outputNs)
    {
        var total = inputNs + inferNs + outputNs;
        lock (_lock)
        {
            SuccessCount++;
            SuccessNs += total;
            ComputeInputNs += inputNs;
            ComputeInferNs += inferNs;
            ComputeOutputNs += outputNs;
            LastInference = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _recent[_recentCount++ % Window] = total;
        }
    }

    public void Failure(long ns)
    {
        lock (_lock)
        {
            FailCount++;
            FailNs += ns;
            LastInference = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }
    }

    /// <summary>Latency percentiles (microseconds) over the last requests, or null before any.</summary>
    public (double P50, double P90, double P99, double Max)? Percentiles()
    {
        long[] sample;
        lock (_lock)
        {
            if (_recentCount == 0) return null;
            sample = _recent[..(int)Math.Min(_recentCount, Window)];
        }
        Array.Sort(sample);
        double At(double q) => sample[Math.Min(sample.Length - 1, (int)Math.Ceiling(q * sample.Length) - 1)] / 1000.0;
        return (At(0.50), At(0.90), At(0.99), sample[^1] / 1000.0);
    }
}

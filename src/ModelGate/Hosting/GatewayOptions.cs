namespace ModelGate.Hosting;

/// <summary>How a gateway runs: its model folder, where it listens, its limits.</summary>
public sealed record GatewayOptions
{
    /// <summary>The model repository folder (DIR/&lt;model&gt;/&lt;version&gt;/model.onnx); none: models only by upload.</summary>
    public string? ModelsDir { get; init; }
    /// <summary>Kestrel addresses; port 0 picks a free one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    /// <summary>Largest request body accepted (413 beyond it).</summary>
    public long MaxBodyBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>ONNX Runtime threads per inference; requests run concurrently with each other.</summary>
    public int IntraOpThreads { get; init; } = 1;
    /// <summary>How long a routed request may wait for its upstream.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Also write log lines to the console.</summary>
    public bool ConsoleLog { get; init; }
}

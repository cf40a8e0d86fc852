using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateLogsInput
{
    [Description("Only the lines about this model")]
    [Option(HelpName = "MODEL")]
    public string? Model { get; init; }
    [Description("How many recent lines (default 100)")]
    [Option(Alias = "-n")]
    public int? Lines { get; init; }
    [Description("Keep printing lines as they are logged (a terminal only)")]
    [Option(Alias = "-f")]
    public bool Follow { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

/// <param name="Followed">The lines were also streamed as they came (follow), so a terminal has shown them already.</param>
public sealed record GateLogsResult(string Url, IReadOnlyList<V2LogLine> Lines, bool Followed = false);

/// <summary>A gateway's recent log lines (ModelGate's logs extension); with follow, its live stream, line by line.</summary>
public sealed class GateLogs : IOperation<GateLogsInput, GateLogsResult>
{
    public OperationInfo Info { get; } = new("gate.logs",
        "Show a ModelGate gateway's recent log lines (all, or one model's), or follow them as they are logged.",
        OperationEffect.ReadOnly, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateLogsInput> InputJson => SmctlJson.Default.GateLogsInput;
    public JsonTypeInfo<GateLogsResult> ResultJson => SmctlJson.Default.GateLogsResult;

    public static string Format(V2LogLine line) =>
        $"{line.Time.ToLocalTime():HH:mm:ss.fff} {line.Level,-11} {(line.Model is null ? "" : $"[{line.Model}] ")}{line.Message}";

    public async Task<GateLogsResult> RunAsync(SmctlContext context, GateLogsInput input, CancellationToken ct)
    {
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.Logs, "show its logs", ct).ConfigureAwait(false);
        var lines = (input.Lines ?? 100) is var n && n is > 0 and <= 5000 ? n : throw SmctlException.Usage($"{context.Option("lines")} {input.Lines} is not between 1 and 5000");
        var recent = await client.LogsAsync(lines, input.Model, ct).ConfigureAwait(false);
        if (!input.Follow) return new GateLogsResult(client.Name, recent);
        var sink = context.OutputLine ?? throw SmctlException.Usage("follow streams lines to a terminal; ask for the recent lines instead", "leave out follow (and --json)");
        foreach (var line in recent) sink(client.Name, Format(line), false);
        var followed = new List<V2LogLine>(recent);
        try
        {
            await foreach (var line in client.FollowAsync(input.Model, ct).ConfigureAwait(false))
            {
                followed.Add(line);
                sink(client.Name, Format(line), false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        return new GateLogsResult(client.Name, followed, Followed: true);
    }
}

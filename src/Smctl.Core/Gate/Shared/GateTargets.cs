using Smctl.Core.Config.Shared;

namespace Smctl.Core.Gate.Shared;

/// <summary>Which servers 'smctl gate' talks to: --url, else [gate] instances, else ModelGate's default address.</summary>
public static class GateTargets
{
    public const string DefaultUrl = "http://127.0.0.1:8080";
    public const string UrlDescription = "Server URL (default: [gate]'s first)";

    public static IReadOnlyList<GateClient> All(SmctlContext context, string? url)
    {
        if (url is { Length: > 0 }) return [new GateClient(url)];
        var configured = context.Settings.List(ConfigKeys.GateInstances);
        return configured.Count > 0 ? [.. configured.Select(u => new GateClient(u))] : [new GateClient(DefaultUrl)];
    }

    /// <summary>The one server a command acts on: --url, else the first instance.</summary>
    public static GateClient One(SmctlContext context, string? url) => All(context, url)[0];
}

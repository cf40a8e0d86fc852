using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Errors;

namespace Smctl.Core.Gate.Shared;

/// <summary>
/// A client of one Open Inference Protocol (KServe V2) server — ModelGate, Triton, KServe, MLServer. It uses the core
/// endpoints where they suffice and checks the server's extensions before using one, so a missing extension is one
/// clear sentence. A server that cannot be reached is a network error (exit 7) naming the url.
/// </summary>
public sealed class GateClient
{
    public const string ModelRepository = "model_repository";
    public const string Routes = "modelgate_routes";
    public const string Logs = "modelgate_logs";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private V2Server? _server;

    public Uri Url { get; }

    public GateClient(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw SmctlException.Usage($"'{url}' is not a server address", "use http://host:port, e.g. http://127.0.0.1:8080");
        Url = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The url as shown: no trailing slash.</summary>
    public string Name => Url.ToString().TrimEnd('/');

    public async Task<V2Server> ServerAsync(CancellationToken ct) =>
        _server ??= await GetAsync("v2", GateJson.Default.V2Server, ct).ConfigureAwait(false);

    /// <summary>Refuses, in one sentence, to use an extension the server does not advertise.</summary>
    public async Task RequireAsync(string extension, string what, CancellationToken ct)
    {
        var server = await ServerAsync(ct).ConfigureAwait(false);
        if (server.Extensions?.Contains(extension) == true) return;
        throw new SmctlException(ErrorKind.Usage, $"{Name} ({server.Name ?? "a V2 server"} {server.Version}) cannot {what}: it does not advertise the '{extension}' extension",
            extension.StartsWith("modelgate_", StringComparison.Ordinal) ? "this is a ModelGate extension: point --url at a ModelGate gateway" : "use a server with the model-repository extension (ModelGate, Triton, MLServer)");
    }

    /// <summary>A health probe: true on 200 (whatever the body, which Triton leaves empty), false on another status.</summary>
    public async Task<bool> ProbeAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public Task<List<V2IndexItem>> IndexAsync(CancellationToken ct) =>
        PostAsync("v2/repository/index", "{}", GateJson.Default.ListV2IndexItem, ct);

    public Task<V2Model> ModelAsync(string model, string? version, CancellationToken ct) =>
        GetAsync(ModelPath(model, version), GateJson.Default.V2Model, ct);

    public async Task LoadAsync(string model, IReadOnlyDictionary<string, byte[]>? files, CancellationToken ct)
    {
        var body = files is null ? "" : "{\"parameters\":{" + string.Join(",", files.Select(f =>
            $"{JsonSerializer.Serialize($"file:{f.Key}", GateJson.Default.String)}:\"{Convert.ToBase64String(f.Value)}\"")) + "}}";
        await PostAsync($"v2/repository/models/{Uri.EscapeDataString(model)}/load", body, GateJson.Default.JsonElement, ct, expectContinue: true).ConfigureAwait(false);
    }

    public Task UnloadAsync(string model, CancellationToken ct) =>
        PostAsync($"v2/repository/models/{Uri.EscapeDataString(model)}/unload", "", GateJson.Default.JsonElement, ct);

    public async Task<IReadOnlyList<V2Route>> RoutesAsync(CancellationToken ct) =>
        (await GetAsync("v2/routes", GateJson.Default.V2Routes, ct).ConfigureAwait(false)).Routes ?? [];

    public async Task<V2Route> SetRouteAsync(string model, V2RouteRequest route, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/routes/{Uri.EscapeDataString(model)}")
        {
            Content = Json(JsonSerializer.Serialize(route, GateJson.Default.V2RouteRequest)),
        };
        return await ReadAsync(await SendAsync(request, ct).ConfigureAwait(false), GateJson.Default.V2Route, ct).ConfigureAwait(false);
    }

    public async Task RemoveRouteAsync(string model, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v2/routes/{Uri.EscapeDataString(model)}");
        await ReadAsync(await SendAsync(request, ct).ConfigureAwait(false), GateJson.Default.JsonElement, ct).ConfigureAwait(false);
    }

    /// <summary>One inference: the response and the round trip's time.</summary>
    public async Task<(JsonElement Response, double LatencyMs)> InferAsync(string model, string? version, string requestJson, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, ModelPath(model, version) + "/infer") { Content = Json(requestJson) };
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        var result = await ReadAsync(response, GateJson.Default.JsonElement, ct).ConfigureAwait(false);
        return (result, clock.Elapsed.TotalMilliseconds);
    }

    public async Task<IReadOnlyList<V2LogLine>> LogsAsync(int lines, string? model, CancellationToken ct) =>
        (await GetAsync($"v2/logs?lines={lines}{(model is null ? "" : $"&model={Uri.EscapeDataString(model)}")}", GateJson.Default.V2Logs, ct).ConfigureAwait(false)).Lines ?? [];

    /// <summary>Log lines as the server logs them (its live stream of server-sent events), until cancelled.</summary>
    public async IAsyncEnumerable<V2LogLine> FollowAsync(string? model, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/logs/stream{(model is null ? "" : $"?model={Uri.EscapeDataString(model)}")}");
        using var response = await SendAsync(request, ct, HttpCompletionOption.ResponseHeadersRead, noTimeout: true).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) await ReadAsync(response, GateJson.Default.JsonElement, ct).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            if (JsonSerializer.Deserialize(line.AsSpan(6), GateJson.Default.V2LogLine) is { } parsed) yield return parsed;
        }
    }

    private static string ModelPath(string model, string? version) =>
        $"v2/models/{Uri.EscapeDataString(model)}" + (version is null ? "" : $"/versions/{Uri.EscapeDataString(version)}");

    private static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct) =>
        await ReadAsync(await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct).ConfigureAwait(false), type, ct).ConfigureAwait(false);

    private async Task<T> PostAsync<T>(string path, string body, JsonTypeInfo<T> type, CancellationToken ct, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        // A large upload learns of a refusal (413) before it is sent.
        if (expectContinue) request.Headers.ExpectContinue = true;
        return await ReadAsync(await SendAsync(request, ct).ConfigureAwait(false), type, ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, bool noTimeout = false)
    {
        request.RequestUri = new Uri(Url, request.RequestUri!);
        try
        {
            if (noTimeout) return await StreamingHttp.SendAsync(request, completion, ct).ConfigureAwait(false);
            return await Http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SmctlException(ErrorKind.Network, $"cannot reach {Name}: {e.Message}",
                "start a gateway there ('modelgate serve --models DIR --urls URL'), or point smctl at one with --url or [gate] instances");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SmctlException(ErrorKind.Network, $"{Name} did not answer {request.Method} /{request.RequestUri.AbsolutePath.TrimStart('/')} in time");
        }
    }

    private static readonly HttpClient StreamingHttp = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The body as T, or the server's {"error"} as one clear error: a refusal of the request (4xx) is a usage error, the server failing (5xx) a network one.</summary>
    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string? error = null;
                try { error = JsonSerializer.Deserialize(text, GateJson.Default.V2Error)?.Error; }
                catch (JsonException) { }
                var status = (int)response.StatusCode;
                throw new SmctlException(status is >= 400 and < 500 ? ErrorKind.Usage : ErrorKind.Network,
                    $"{Name} answered {status}: {error ?? (text.Length is > 0 and < 300 ? text : response.ReasonPhrase)}");
            }
            try
            {
                return JsonSerializer.Deserialize(text.Length == 0 ? "{}" : text, type)!;
            }
            catch (JsonException e)
            {
                throw new SmctlException(ErrorKind.Network, $"{Name} sent an answer that is not the protocol's JSON: {e.Message}");
            }
        }
    }
}

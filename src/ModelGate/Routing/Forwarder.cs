using Microsoft.AspNetCore.Http;
using ModelGate.Protocol;

namespace ModelGate.Routing;

/// <summary>
/// Sends a request for a routed model on to its upstream V2 server and the answer back, as is (status, body,
/// Content-Type, Inference-Header-Content-Length). Each gateway a request passes counts a hop, so a loop stops.
/// </summary>
public sealed class Forwarder(TimeSpan timeout) : IDisposable
{
    public const string HopsHeader = "X-ModelGate-Hops";
    public const string HeaderLength = "Inference-Header-Content-Length";
    private const int MaxHops = 8;

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
    {
        Timeout = timeout,
    };

    public async Task ForwardAsync(HttpContext context, Route route, ReadOnlyMemory<byte>? body)
    {
        var hops = int.TryParse(context.Request.Headers[HopsHeader], out var h) ? h : 0;
        if (hops >= MaxHops) throw ProtocolException.Unavailable($"model '{route.Model}': the request went through {hops} gateways; the routes form a loop");
        var target = new Uri(new Uri(route.Endpoint!), context.Request.Path + context.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        request.Headers.TryAddWithoutValidation(HopsHeader, (hops + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (body is { } bytes)
        {
            request.Content = new ReadOnlyMemoryContent(bytes);
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            if (context.Request.Headers[HeaderLength] is { Count: > 0 } length) request.Headers.TryAddWithoutValidation(HeaderLength, (string?)length);
        }
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            throw ProtocolException.Unavailable($"model '{route.Model}' is routed to {route.Endpoint}, which is unreachable: {(e is TaskCanceledException ? "no answer in time" : e.Message)}");
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var name in new[] { "Content-Type", HeaderLength })
                if (response.Content.Headers.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values))
                    context.Response.Headers[name] = values.ToArray();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();
}

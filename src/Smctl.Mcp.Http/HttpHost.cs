using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using Smctl.Core.Errors;
using Smctl.Mcp.Hosting;

namespace Smctl.Mcp.Http;

/// <summary>How the HTTP transports listen.</summary>
/// <param name="Sse">Also serve the legacy HTTP+SSE transport (GET /mcp/sse, POST /mcp/message) for older clients.</param>
/// <param name="Token">Bearer token every request must carry; required when bound beyond loopback.</param>
/// <param name="MaxBodyBytes">Largest request accepted (413 above it).</param>
public sealed record HttpListenOptions(string Host, int Port, bool Sse, string? Token, long MaxBodyBytes = Tools.ToolCatalog.MaxArgumentBytes);

/// <summary>Streamable HTTP at /mcp (and legacy SSE), guarded against DNS rebinding and, off loopback, by a bearer token.</summary>
public static class HttpHost
{
    public static async Task RunAsync(ServeSettings settings, HttpListenOptions listen, Microsoft.Extensions.Logging.LogLevel level,
        Action<Uri>? started, CancellationToken ct)
    {
        var address = ParseHost(listen.Host);
        var loopback = IPAddress.IsLoopback(address);
        if (!loopback && listen.Token is not { Length: > 0 })
            throw SmctlException.Usage($"binding {listen.Host} exposes the workspace beyond this machine: a token is required",
                "pass --token (or set SMCTL_MCP_TOKEN); clients then send 'Authorization: Bearer <token>'");

        if (listen.Token is { Length: > 0 and < MinTokenLength } shortToken)
            throw SmctlException.Usage($"the token has {shortToken.Length} characters: use at least {MinTokenLength}",
                "for example: --token \"$(openssl rand -hex 16)\"");

        using var smctl = new SmctlMcpServer(settings);
        var builder = WebApplication.CreateSlimBuilder();
        StderrLogging.Configure(builder.Logging, level);
        // A failed start is reported once, as smctl's own error below, not also as the host's stack of log lines.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", Microsoft.Extensions.Logging.LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, listen.Port);
            k.Limits.MaxRequestBodySize = listen.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        // SSE resumability (SEP-1699): each stream's events are kept a few minutes, so a client whose connection
        // dropped mid-call (a proxy's idle timeout, a laptop's sleep) reconnects with Last-Event-ID and gets the rest.
        // (Resumability belongs to the sessions 2025-11-25 clients use, which is why the SDK marks it back-compat.)
        builder.Services.AddDistributedMemoryCache();
#pragma warning disable MCP9006
        builder.Services.AddMcpServer(smctl.Configure).WithDistributedCacheEventStreamStore(o =>
        {
            o.EventAbsoluteExpiration = TimeSpan.FromMinutes(5);
            o.MetadataAbsoluteExpiration = TimeSpan.FromMinutes(10);
        }).WithHttpTransport(o =>
#pragma warning restore MCP9006
        {
            // Sessions for clients that still use the initialize handshake (2025-11-25: subscriptions need them);
            // 2026-07-28 clients are served statelessly and listen on subscriptions/listen.
            o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004 // the legacy SSE transport is asked for explicitly with --sse
            o.EnableLegacySse = listen.Sse;
#pragma warning restore MCP9004
        });
        await using var app = builder.Build();
        app.Use(Guard(listen, loopback, app.Logger));
        app.MapMcp("/mcp");
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw SmctlException.Usage($"cannot listen on {listen.Host}:{listen.Port}: {FirstSentence(e.Message)}",
                "choose another --port (0 picks a free one), or stop what is listening there");
        }
        // The bound address, with the real port when --port 0 asked for any free one.
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(bound.TrimEnd('/') + "/mcp");
        started?.Invoke(url);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public static string ListeningLine(Uri url, bool sse) => $"smctl MCP server listening on {url}" + (sse ? $" (legacy SSE: {url}/sse)" : "");

    /// <summary>
    /// Refuses a Host or Origin that is not this server (DNS rebinding: a web page making the browser talk to
    /// localhost) and, when a token is set, any request without it.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> Guard(HttpListenOptions listen, bool loopback, ILogger logger) => async (http, next) =>
    {
        var host = http.Request.Host.Host;
        if (!AllowedHost(host, listen.Host, loopback))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, $"host '{host}' is not this server").ConfigureAwait(false);
            return;
        }
        // A page may only use the server from its own origin: loopback, or the very host the request was sent to
        // (bound to 0.0.0.0 the server answers any Host, but a foreign page's Origin is still not its own).
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && (IsLoopbackName(o.Host) || string.Equals(o.Host.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))))
        {
            logger.LogWarning("refused a request from origin {Origin}", origin);
            await Refuse(http, StatusCodes.Status403Forbidden, $"origin '{origin}' may not use this server").ConfigureAwait(false);
            return;
        }
        if (listen.Token is { Length: > 0 } token && !HasToken(http, token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Refuse(http, StatusCodes.Status401Unauthorized, "missing or wrong bearer token").ConfigureAwait(false);
            return;
        }
        await next(http).ConfigureAwait(false);
    };

    /// <summary>A bearer token shorter than this is refused: it could be guessed.</summary>
    public const int MinTokenLength = 16;

    private static bool IsLoopbackName(string host) => host.Trim('[', ']') is "localhost" or "127.0.0.1" or "::1";

    private static string FirstSentence(string message) => message.Split('\n')[0].TrimEnd('.');

    private static bool AllowedHost(string host, string boundHost, bool loopback)
    {
        host = host.Trim('[', ']');
        if (IsLoopbackName(host)) return true;
        if (loopback) return false;
        return string.Equals(host, boundHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) || boundHost is "0.0.0.0" or "::";
    }

    private static bool HasToken(HttpContext http, string token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    private static Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":" + "\"" + System.Text.Json.JsonEncodedText.Encode(message).Value + "\"" + "}}";
        return http.Response.WriteAsync(body);
    }

    private static IPAddress ParseHost(string host)
    {
        if (host == "localhost") return IPAddress.Loopback;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address)) return address;
        throw SmctlException.Usage($"--host must be an IP address or localhost, not '{host}'", "e.g. --host 127.0.0.1 (default) or --host 0.0.0.0 --token SECRET");
    }
}

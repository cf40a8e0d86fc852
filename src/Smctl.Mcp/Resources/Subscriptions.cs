using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Smctl.Mcp.Resources;

/// <summary>
/// Who wants to hear about which resource: sessions that called <c>resources/subscribe</c> (2025-11-25) and
/// open <c>subscriptions/listen</c> streams (2026-07-28). The workspace watcher calls <see cref="Updated"/>.
/// </summary>
public sealed class Subscriptions(ILogger logger)
{
    private sealed record Listener(McpServer Server, RequestId? StreamId, ConcurrentDictionary<string, byte> Uris, bool ListChanged);

    private readonly ConcurrentDictionary<object, Listener> _listeners = new();

    /// <summary>Every uri someone listens to (template instances such as smctl://spec/x/tasks included).</summary>
    public IReadOnlySet<string> Subscribed() => _listeners.Values.SelectMany(l => l.Uris.Keys).ToHashSet();

    public ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken _)
    {
        var uri = request.Params?.Uri ?? throw new McpProtocolException("uri is required", McpErrorCode.InvalidParams);
        var listener = _listeners.GetOrAdd(SessionKey(request.Server), _ => new Listener(request.Server, null, new(), ListChanged: true));
        listener.Uris[uri] = 0;
        return ValueTask.FromResult(new EmptyResult());
    }

    public ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken _)
    {
        if (request.Params?.Uri is { } uri && _listeners.TryGetValue(SessionKey(request.Server), out var listener))
            listener.Uris.TryRemove(uri, out byte _);
        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>A 2026-07-28 listen stream: acknowledge what is granted, then keep the stream open until the client goes.</summary>
    public async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken ct)
    {
        var wanted = request.Params!.Notifications;
        var granted = new SubscriptionsListenNotifications
        {
            ResourcesListChanged = wanted.ResourcesListChanged == true ? true : null,
            ResourceSubscriptions = wanted.ResourceSubscriptions is { Count: > 0 } uris ? [.. uris] : null,
        };
        var id = request.JsonRpcRequest.Id;
        var listener = new Listener(request.Server, id, new(), granted.ResourcesListChanged == true);
        foreach (var uri in granted.ResourceSubscriptions ?? []) listener.Uris[uri] = 0;
        var ack = JsonSerializer.SerializeToNode(new SubscriptionsAcknowledgedNotificationParams { Notifications = granted },
            McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(SubscriptionsAcknowledgedNotificationParams)));
        await Send(listener, NotificationMethods.SubscriptionsAcknowledgedNotification, ack as JsonObject ?? [], ct).ConfigureAwait(false);
        var key = new object();
        _listeners[key] = listener;
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _listeners.TryRemove(key, out _);
        }
        return new EmptyResult();
    }

    /// <summary>Tells every listener of <paramref name="uri"/> that it changed.</summary>
    public async Task Updated(IEnumerable<string> uris)
    {
        var changed = uris.ToHashSet();
        foreach (var (key, listener) in _listeners.ToArray())
        {
            foreach (var uri in listener.Uris.Keys.Where(changed.Contains))
            {
                try
                {
                    await Send(listener, NotificationMethods.ResourceUpdatedNotification, new JsonObject { ["uri"] = uri }, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // The client went away: forget it, the others still hear.
                    logger.LogDebug("dropping a subscriber of {Uri}: {Error}", uri, e.Message);
                    _listeners.TryRemove(key, out _);
                    break;
                }
            }
        }
    }

    /// <summary>Announces that the list of resources changed (a spec was added, the manifest changed).</summary>
    public async Task ListChanged()
    {
        foreach (var (key, listener) in _listeners.ToArray())
        {
            if (!listener.ListChanged) continue;
            try
            {
                await Send(listener, NotificationMethods.ResourceListChangedNotification, [], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                _listeners.TryRemove(key, out _);
            }
        }
    }

    private static Task Send(Listener listener, string method, JsonObject parameters, CancellationToken ct)
    {
        if (listener.StreamId is { } id)
            parameters["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = id.Id is long n ? JsonValue.Create(n) : JsonValue.Create(id.ToString()) };
        return listener.Server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = parameters }, ct);
    }

    /// <summary>One entry per client session: the stdio server, or an HTTP session by its id.</summary>
    private static object SessionKey(McpServer server) => server.SessionId is { } id ? id : "stdio";
}

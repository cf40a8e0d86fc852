using System.Text.Json;
using ModelGate.Protocol;

namespace ModelGate.Routing;

/// <summary>Where requests for a model go: a local version of it, or another V2 server (an upstream endpoint).</summary>
/// <param name="Version">Serve this local version when a request names none.</param>
/// <param name="Endpoint">Forward every request for the model to this V2 server (http://host:port).</param>
public sealed record Route(string Model, string? Version, string? Endpoint);

/// <summary>
/// The routing table of ModelGate's routes extension: model name → local version or upstream endpoint. Kept in
/// &lt;models&gt;/.modelgate/routes.json (written atomically) when the gateway serves a folder, so it survives a restart.
/// </summary>
public sealed class RouteTable
{
    private readonly string? _file;
    private readonly Lock _lock = new();
    private volatile Dictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public RouteTable(string? modelsRoot)
    {
        _file = modelsRoot is null ? null : Path.Combine(modelsRoot, ".modelgate", "routes.json");
        if (_file is not null && File.Exists(_file))
        {
            var saved = JsonSerializer.Deserialize(File.ReadAllText(_file), GatewayJson.Default.RouteList)?.Routes ?? [];
            _routes = saved.ToDictionary(r => r.Model, StringComparer.Ordinal);
        }
    }

    public Route? Find(string model) => _routes.GetValueOrDefault(model);

    public IReadOnlyList<Route> All => [.. _routes.Values.OrderBy(r => r.Model, StringComparer.Ordinal)];

    public Route Set(Route route)
    {
        if (route.Endpoint is null == (route.Version is null))
            throw ProtocolException.BadRequest("a route names either an endpoint (another V2 server) or a local version, not both or neither");
        if (route.Endpoint is not null && (!Uri.TryCreate(route.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0))
            throw ProtocolException.BadRequest($"'{route.Endpoint}' is not a V2 server address: use http(s)://host:port");
        lock (_lock)
        {
            _routes = new Dictionary<string, Route>(_routes, StringComparer.Ordinal) { [route.Model] = route };
            Save();
        }
        return route;
    }

    public bool Remove(string model)
    {
        lock (_lock)
        {
            if (!_routes.ContainsKey(model)) return false;
            var next = new Dictionary<string, Route>(_routes, StringComparer.Ordinal);
            next.Remove(model);
            _routes = next;
            Save();
            return true;
        }
    }

    private void Save()
    {
        if (_file is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = _file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new RouteList(All), GatewayJson.Default.RouteList));
        File.Move(temp, _file, overwrite: true);
    }
}

public sealed record RouteList(IReadOnlyList<Route> Routes);

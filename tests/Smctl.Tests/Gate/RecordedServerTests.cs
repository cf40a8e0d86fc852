using System.Net;
using System.Net.Sockets;
using System.Text;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Gate;

/// <summary>
/// smctl gate against answers recorded from a Triton server (empty health bodies, the onnxruntime_onnx platform,
/// Triton's extension list, index entries without a reason): status, models list and test work with the core
/// endpoints; the ModelGate-only ones are refused in one sentence.
/// </summary>
public sealed class RecordedServerTests : IDisposable
{
    private const string TritonServer = """{"name":"triton","version":"2.52.0","extensions":["classification","sequence","model_repository","model_repository(unload_dependents)","schedule_policy","model_configuration","system_shared_memory","cuda_shared_memory","binary_tensor_data","parameters","statistics","trace","logging"]}""";
    private const string TritonIndex = """[{"name":"densenet_onnx","version":"1","state":"READY"},{"name":"simple","version":"1","state":"READY"},{"name":"broken","state":"UNAVAILABLE","reason":"unable to load model"}]""";
    private const string DensenetMeta = """{"name":"densenet_onnx","versions":["1"],"platform":"onnxruntime_onnx","inputs":[{"name":"data_0","datatype":"FP32","shape":[1,3,224,224]}],"outputs":[{"name":"fc6_1","datatype":"FP32","shape":[1000]}]}""";
    private const string SimpleMeta = """{"name":"simple","versions":["1"],"platform":"tensorflow_graphdef","inputs":[{"name":"INPUT0","datatype":"INT32","shape":[-1,16]},{"name":"INPUT1","datatype":"INT32","shape":[-1,16]}],"outputs":[{"name":"OUTPUT0","datatype":"INT32","shape":[-1,16]},{"name":"OUTPUT1","datatype":"INT32","shape":[-1,16]}]}""";
    private const string SimpleInfer = """{"model_name":"simple","model_version":"1","outputs":[{"name":"OUTPUT0","datatype":"INT32","shape":[1,16],"data":[2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32]},{"name":"OUTPUT1","datatype":"INT32","shape":[1,16],"data":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}""";

    private readonly WorkspaceFixture _ws = new("app");
    private readonly HttpListener _listener;
    private readonly string _url;
    private readonly List<string> _seen = [];

    public RecordedServerTests()
    {
        // A free port found by probing can be taken (another test's client, a listener) before HttpListener binds
        // it: a few tries with a fresh port each.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _url = $"http://127.0.0.1:{port}";
            var listener = new HttpListener();
            listener.Prefixes.Add(_url + "/");
            try
            {
                listener.Start();
                _listener = listener;
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var path = context.Request.Url!.AbsolutePath;
            lock (_seen) _seen.Add($"{context.Request.HttpMethod} {path}");
            var (status, body) = (context.Request.HttpMethod, path) switch
            {
                ("GET", "/v2/health/live") or ("GET", "/v2/health/ready") => (200, ""),
                ("GET", "/v2") => (200, TritonServer),
                ("POST", "/v2/repository/index") => (200, TritonIndex),
                ("GET", "/v2/models/densenet_onnx") => (200, DensenetMeta),
                ("GET", "/v2/models/simple") => (200, SimpleMeta),
                ("POST", "/v2/models/simple/infer") => (200, SimpleInfer),
                _ => (400, """{"error":"Request for unknown model"}"""),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            if (bytes.Length > 0) context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ws.Dispose();
    }

    [Fact]
    public async Task Status_models_list_and_test_work_against_triton()
    {
        var status = await _ws.SmctlOk("gate", "status", "--url", _url, "--json");
        var instance = status.Json.GetProperty("instances")[0];
        Assert.True(instance.GetProperty("live").GetBoolean());
        Assert.True(instance.GetProperty("ready").GetBoolean());
        Assert.Equal("triton", instance.GetProperty("server").GetString());
        Assert.Equal(3, instance.GetProperty("models").GetInt32());
        Assert.Equal(2, instance.GetProperty("readyModels").GetInt32());

        var list = await _ws.SmctlOk("gate", "models", "list", "--url", _url, "--json");
        var models = list.Json.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("onnxruntime_onnx", models["densenet_onnx"].GetProperty("platform").GetString());
        Assert.Equal("[1,3,224,224]", models["densenet_onnx"].GetProperty("inputs")[0].GetProperty("shape").Compact());
        Assert.Equal("UNAVAILABLE", models["broken"].GetProperty("state").GetString());
        Assert.Equal("unable to load model", models["broken"].GetProperty("reason").GetString());

        var request = Path.Combine(_ws.Root, "simple.json");
        File.WriteAllText(request, """{"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]},{"name":"INPUT1","shape":[1,16],"datatype":"INT32","data":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}""");
        var test = await _ws.SmctlOk("gate", "test", "simple", "--input", request, "--url", _url, "--json");
        Assert.Equal(2, test.Json.GetProperty("outputs").GetArrayLength());
        Assert.Equal("1", test.Json.GetProperty("version").GetString());

        // Only core endpoints and the advertised model-repository extension were used.
        lock (_seen) Assert.All(_seen, s => Assert.Matches(@"^(GET /v2(/health/(live|ready)|/models/\w+)?|POST /v2/(repository/index|models/simple/infer))$", s));
    }

    [Fact]
    public async Task ModelGate_extensions_are_refused_in_one_sentence()
    {
        var routes = await _ws.Smctl("gate", "routes", "list", "--url", _url);
        Assert.Equal(2, routes.ExitCode);
        Assert.Contains("(triton 2.52.0) cannot route models: it does not advertise the 'modelgate_routes' extension", routes.Stderr);
        var logs = await _ws.Smctl("gate", "logs", "--url", _url);
        Assert.Contains("does not advertise the 'modelgate_logs' extension", logs.Stderr);
        var test = await _ws.Smctl("gate", "test", "unknown_model", "--input", Path.Combine(_ws.Root, "nothing.json"), "--url", _url);
        Assert.Equal(2, test.ExitCode);
        Assert.Contains("no such file", test.Stderr);
    }
}

using System.Text.Json;
using ModelGate.Hosting;
using ModelGate.Tests.Testing;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Gate;

internal static class JsonCompact
{
    public static string Compact(this JsonElement e) => System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.ToJsonString();
}

/// <summary>smctl gate against real ModelGate gateways on loopback (real ONNX Runtime sessions over models these tests encode).</summary>
public sealed class GateCommandTests : IAsyncLifetime
{
    private readonly WorkspaceFixture _ws = new("app");
    private readonly TempDir _models = new();
    private Gateway _gateway = null!;
    private string Url => _gateway.BaseAddress.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        OnnxModels.WriteTo(_models.Path, "add", "1", OnnxModels.Add());
        OnnxModels.WriteTo(_models.Path, "matmul_add", "1", OnnxModels.MatMulAdd());
        _gateway = await Gateway.StartAsync(new GatewayOptions { ModelsDir = _models.Path, Urls = "http://127.0.0.1:0" });
        File.AppendAllText(_ws.Manifest, $"\n[gate]\ninstances = [\"{Url}\"]\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _ws.Dispose();
        _models.Dispose();
    }

    [Fact]
    public async Task Status_lists_every_instance_and_names_an_unreachable_one()
    {
        var ok = await _ws.SmctlOk("gate", "status", "--json");
        var instance = ok.Json.GetProperty("instances")[0];
        Assert.True(instance.GetProperty("live").GetBoolean());
        Assert.Equal("modelgate", instance.GetProperty("server").GetString());
        Assert.Equal(2, instance.GetProperty("readyModels").GetInt32());
        Assert.Contains("model_repository", instance.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));

        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace($"instances = [\"{Url}\"]", $"instances = [\"{Url}\", \"http://127.0.0.1:9\"]"));
        var mixed = await _ws.Smctl("gate", "status", "--json");
        Assert.Equal(7, mixed.ExitCode);
        var down = mixed.Json.GetProperty("instances")[1];
        Assert.False(down.GetProperty("reachable").GetBoolean());
        Assert.Contains("cannot reach http://127.0.0.1:9", down.GetProperty("error").GetString());

        var none = await _ws.Smctl("gate", "models", "list", "--url", "http://127.0.0.1:9");
        Assert.Equal(7, none.ExitCode);
        Assert.Contains("cannot reach http://127.0.0.1:9", none.Stderr);
    }

    [Fact]
    public async Task Models_list_add_and_remove()
    {
        var list = await _ws.SmctlOk("gate", "models", "list", "--json");
        var add = list.Json.GetProperty("models").EnumerateArray().First(m => m.GetProperty("name").GetString() == "add");
        Assert.Equal("READY", add.GetProperty("state").GetString());
        Assert.Equal("FP32", add.GetProperty("inputs")[0].GetProperty("datatype").GetString());

        // A model laid out as <name>/<version>/model.onnx takes its name and version from the path.
        var staged = Path.Combine(_ws.Root, "staged", "ident", "4");
        Directory.CreateDirectory(staged);
        File.WriteAllBytes(Path.Combine(staged, "model.onnx"), OnnxModels.Identity("INT64"));
        var added = await _ws.SmctlOk("gate", "models", "add", Path.Combine(staged, "model.onnx"), "--json");
        Assert.Equal("ident", added.Json.GetProperty("name").GetString());
        Assert.Equal("4", added.Json.GetProperty("version").GetString());
        Assert.True(File.Exists(Path.Combine(_models.Path, "ident", "4", "model.onnx")));

        var notOnnx = Path.Combine(_ws.Root, "notes.onnx");
        File.WriteAllText(notOnnx, "hello");
        var refused = await _ws.Smctl("gate", "models", "add", notOnnx);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is not an ONNX model", refused.Stderr);

        var removed = await _ws.Smctl("gate", "models", "remove", "ident", "--yes");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        var after = await _ws.SmctlOk("gate", "models", "list", "--json");
        Assert.Equal("UNAVAILABLE", after.Json.GetProperty("models").EnumerateArray().First(m => m.GetProperty("name").GetString() == "ident").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Test_runs_a_v2_request_or_a_plain_array_and_reports_bad_input()
    {
        var request = Path.Combine(_ws.Root, "request.json");
        File.WriteAllText(request, """{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[10,20]}]}""");
        var run = await _ws.SmctlOk("gate", "test", "add", "--input", request, "--json");
        var output = run.Json.GetProperty("outputs")[0];
        Assert.Equal("sum", output.GetProperty("name").GetString());
        Assert.Equal("[11,22]", output.GetProperty("data").Compact());
        Assert.True(run.Json.GetProperty("latencyMs").GetDouble() > 0);

        var plain = Path.Combine(_ws.Root, "x.json");
        File.WriteAllText(plain, "[[1,0,0],[0,1,1]]");
        var nested = await _ws.SmctlOk("gate", "test", "matmul_add", "--input", plain, "--json");
        Assert.Equal("[1.5,1.5,8.5,9.5]", nested.Json.GetProperty("outputs")[0].GetProperty("data").Compact());
        var human = await _ws.SmctlOk("gate", "test", "matmul_add", "-i", plain);
        Assert.Contains("y FP32[2,2] = [1.5,1.5,8.5,9.5]", human.Stdout);

        File.WriteAllText(plain, "[1,2,3,4]");
        var wrongShape = await _ws.Smctl("gate", "test", "matmul_add", "--input", plain, "--shape", "2,2");
        Assert.Equal(2, wrongShape.ExitCode);
        Assert.Contains("has shape [2,2], but model 'matmul_add' expects [-1,3]", wrongShape.Stderr);
        var wrongType = await _ws.Smctl("gate", "test", "matmul_add", "--input", plain, "--shape", "1,4", "--datatype", "INT32");
        Assert.Contains("is INT32, but model 'matmul_add' expects FP32", wrongType.Stderr);
        var unknown = await _ws.Smctl("gate", "test", "nope", "--input", request);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown model 'nope'", unknown.Stderr);
    }

    [Fact]
    public async Task Routes_send_a_model_to_a_second_gateway()
    {
        using var backendModels = new TempDir();
        OnnxModels.WriteTo(backendModels.Path, "remote_add", "9", OnnxModels.Add());
        await using var backend = await Gateway.StartAsync(new GatewayOptions { ModelsDir = backendModels.Path, Urls = "http://127.0.0.1:0" }, TestContext.Current.CancellationToken);
        var set = await _ws.SmctlOk("gate", "routes", "set", "remote_add", backend.BaseAddress.ToString().TrimEnd('/'), "--json");
        Assert.Equal(backend.BaseAddress.ToString().TrimEnd('/'), set.Json.GetProperty("routes")[0].GetProperty("endpoint").GetString());
        var request = Path.Combine(_ws.Root, "request.json");
        File.WriteAllText(request, """{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]},{"name":"b","shape":[1],"datatype":"FP32","data":[2]}]}""");
        var through = await _ws.SmctlOk("gate", "test", "remote_add", "--input", request, "--json");
        Assert.Equal("9", through.Json.GetProperty("version").GetString());
        Assert.Equal("[3]", through.Json.GetProperty("outputs")[0].GetProperty("data").Compact());

        Assert.Equal(0, (await _ws.Smctl("gate", "routes", "set", "add", "1")).ExitCode);
        var list = await _ws.SmctlOk("gate", "routes", "list");
        Assert.Contains("local version 1", list.Stdout);
        Assert.Equal(0, (await _ws.Smctl("gate", "routes", "remove", "remote_add")).ExitCode);
        var gone = await _ws.Smctl("gate", "routes", "remove", "remote_add");
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains("has no route for 'remote_add'", gone.Stderr);
        Assert.Equal(2, (await _ws.Smctl("gate", "routes", "set", "add", "not a url")).ExitCode);
    }

    [Fact]
    public async Task Logs_recent_and_followed()
    {
        var recent = await _ws.SmctlOk("gate", "logs", "--model", "add", "--json");
        Assert.Contains(recent.Json.GetProperty("lines").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("add: loaded version 1"));

        // Following: lines logged after it starts arrive through the streaming hook, until cancelled.
        var seen = new TaskCompletionSource<string>();
        var context = new Smctl.Core.SmctlContext
        {
            CurrentDirectory = _ws.Ws,
            GetEnvironment = n => n == "XDG_CONFIG_HOME" ? _ws.UserConfigHome : Environment.GetEnvironmentVariable(n),
            OutputLine = (_, line, _) => { if (line.Contains("route removed")) seen.TrySetResult(line); },
        };
        using var cts = new CancellationTokenSource();
        var follow = Smctl.Core.Catalog.OperationCatalog.GateLogs.RunAsync(context, new Smctl.Core.Gate.GateLogsInput { Follow = true, Lines = 1 }, cts.Token);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _ws.Smctl("gate", "routes", "set", "add", "1")).ExitCode);
        Assert.Equal(0, (await _ws.Smctl("gate", "routes", "remove", "add")).ExitCode);
        Assert.Contains("add: route removed", await seen.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        await cts.CancelAsync();
        var result = await follow;
        Assert.Contains(result.Lines, l => l.Message == "add: route removed");
    }
}

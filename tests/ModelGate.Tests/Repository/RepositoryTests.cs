using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Tests.Testing;
using Xunit;

namespace ModelGate.Tests.Repository;

/// <summary>The model-repository extension, routing to another gateway, statistics, logs, and hostile input.</summary>
public sealed class RepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string AddRequest = """{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[3,4]}]}""";

    [Fact]
    public async Task Index_load_unload_and_a_model_uploaded_in_the_request()
    {
        await using var gw = await GatewayFixture.StartAsync(dir => OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add()));
        var index = (await gw.PostJsonAsync("/v2/repository/index", "{}")).Json!.AsArray();
        Assert.Equal("""[{"name":"add","version":"1","state":"READY","reason":""}]""", index.ToJsonString());

        Assert.Equal(200, (await gw.PostJsonAsync("/v2/repository/models/add/unload", "")).Status);
        var infer = await gw.PostJsonAsync("/v2/models/add/infer", AddRequest);
        Assert.Equal(503, infer.Status);
        Assert.Contains("unloaded", (string)infer.Json!["error"]!);
        Assert.Equal("UNAVAILABLE", (string)(await gw.PostJsonAsync("/v2/repository/index", "{}")).Json![0]!["state"]!);
        Assert.Empty((await gw.PostJsonAsync("/v2/repository/index", """{"ready":true}""")).Json!.AsArray());
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/repository/models/add/load", "")).Status);
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/models/add/infer", AddRequest)).Status);

        // Upload: the model travels in the request, base64, as Triton accepts it; it is written into the repository.
        var upload = $$$"""{"parameters":{"config":"{}","file:3/model.onnx":"{{{Convert.ToBase64String(OnnxModels.MatMulAdd())}}}"}}""";
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/repository/models/uploaded/load", upload)).Status);
        Assert.True(File.Exists(Path.Combine(gw.ModelsDir, "uploaded", "3", "model.onnx")));
        var meta = (await gw.GetJsonAsync("/v2/models/uploaded")).Json!;
        Assert.Equal("[\"3\"]", meta["versions"]!.ToJsonString());

        // Not ONNX: refused, nothing written, the other models keep serving.
        var bad = await gw.PostJsonAsync("/v2/repository/models/junk/load", $$$"""{"parameters":{"file:1/model.onnx":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes("not a model"))}}}"}}""");
        Assert.Equal(400, bad.Status);
        Assert.Contains("is not a model ONNX Runtime can load", (string)bad.Json!["error"]!);
        Assert.False(Directory.Exists(Path.Combine(gw.ModelsDir, "junk")));
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/models/add/infer", AddRequest)).Status);
    }

    [Theory]
    [InlineData("/v2/repository/models/..%2F..%2Fetc/load", "{}")]
    [InlineData("/v2/repository/models/evil/load", """{"parameters":{"file:../../escape/model.onnx":"AAAA"}}""")]
    [InlineData("/v2/repository/models/evil/load", """{"parameters":{"file:1/other.bin":"AAAA"}}""")]
    public async Task Path_traversal_in_model_names_and_uploads_is_refused(string path, string body)
    {
        await using var gw = await GatewayFixture.StartAsync();
        var (status, json) = await gw.PostJsonAsync(path, body);
        Assert.True(status is 400 or 404, json?.ToJsonString());
        Assert.NotNull(json!["error"]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(gw.ModelsDir));
        Assert.False(Directory.Exists(Path.Combine(gw.ModelsDir, "..", "escape")));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_the_gateway_keeps_serving()
    {
        await using var gw = await GatewayFixture.StartAsync(dir => OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add()), maxBodyBytes: 4096);
        var big = $$"""{"inputs":[{"name":"a","shape":[3000],"datatype":"FP32","data":[{{string.Join(",", Enumerable.Repeat("1", 3000))}}]}]}""";
        // A client announcing its body (Expect: 100-continue) gets the 413 before it sends it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/add/infer") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await gw.Http.SendAsync(request, Ct);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Contains("larger than the gateway's limit", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!);
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/models/add/infer", AddRequest)).Status);
    }

    [Fact]
    public async Task One_gateway_routes_a_model_to_another_and_to_a_pinned_version()
    {
        await using var backend = await GatewayFixture.StartAsync(dir => OnnxModels.WriteTo(dir, "matmul_add", "7", OnnxModels.MatMulAdd()));
        await using var front = await GatewayFixture.StartAsync(dir =>
        {
            OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add());
            OnnxModels.WriteTo(dir, "add", "2", OnnxModels.Add());
        });
        using var put = await front.Http.PutAsJsonAsync("/v2/routes/matmul_add", new { endpoint = backend.Gateway.BaseAddress.ToString() }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var (status, json) = await front.PostJsonAsync("/v2/models/matmul_add/infer", """{"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,1,1]}]}""");
        Assert.True(status == 200, json?.ToJsonString());
        Assert.Equal("7", (string)json!["model_version"]!);
        Assert.Equal("[9.5,11.5]", json["outputs"]![0]!["data"]!.ToJsonString());
        Assert.Equal("[\"7\"]", (await front.GetJsonAsync("/v2/models/matmul_add")).Json!["versions"]!.ToJsonString());

        // A pinned local version serves requests that name none.
        using var pin = await front.Http.PutAsJsonAsync("/v2/routes/add", new { version = "1" }, Ct);
        Assert.True(pin.IsSuccessStatusCode);
        Assert.Equal("1", (string)(await front.PostJsonAsync("/v2/models/add/infer", AddRequest)).Json!["model_version"]!);
        var routes = (await front.GetJsonAsync("/v2/routes")).Json!["routes"]!.AsArray();
        Assert.Equal(2, routes.Count);
        // Kept across a restart of the gateway, in the repository folder.
        Assert.True(File.Exists(Path.Combine(front.ModelsDir, ".modelgate", "routes.json")));

        // An upstream that is gone: 503, saying which.
        await backend.DisposeAsync();
        (status, json) = await front.PostJsonAsync("/v2/models/matmul_add/infer", """{"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,1,1]}]}""");
        Assert.Equal(503, status);
        Assert.Contains("unreachable", (string)json!["error"]!);
        using var removed = await front.Http.DeleteAsync("/v2/routes/matmul_add", Ct);
        Assert.True(removed.IsSuccessStatusCode);
        Assert.Equal(404, (await front.PostJsonAsync("/v2/models/matmul_add/infer", "{}")).Status);
    }

    [Fact]
    public async Task A_route_loop_is_stopped()
    {
        await using var gw = await GatewayFixture.StartAsync();
        using var put = await gw.Http.PutAsJsonAsync("/v2/routes/loop", new { endpoint = gw.Gateway.BaseAddress.ToString() }, Ct);
        var (status, json) = await gw.PostJsonAsync("/v2/models/loop/infer", AddRequest);
        Assert.Equal(503, status);
        Assert.Contains("loop", (string)json!["error"]!);
    }

    [Fact]
    public async Task Statistics_and_logs()
    {
        await using var gw = await GatewayFixture.StartAsync(dir => OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add()));
        for (var i = 0; i < 3; i++) Assert.Equal(200, (await gw.PostJsonAsync("/v2/models/add/infer", AddRequest)).Status);
        Assert.Equal(400, (await gw.PostJsonAsync("/v2/models/add/infer", "{\"inputs\":[]}")).Status);
        var stats = (await gw.GetJsonAsync("/v2/models/add/stats")).Json!["model_stats"]![0]!;
        Assert.Equal(3, (int)stats["inference_count"]!);
        Assert.Equal(3, (int)stats["inference_stats"]!["success"]!["count"]!);
        Assert.True((long)stats["inference_stats"]!["success"]!["ns"]! > 0);
        Assert.True((double)stats["modelgate"]!["p50_us"]! > 0);

        var logs = (await gw.GetJsonAsync("/v2/logs?model=add")).Json!["lines"]!.AsArray();
        Assert.Contains(logs, l => ((string)l!["message"]!).StartsWith("add: loaded version 1"));

        // The live stream: a line logged after subscribing arrives as a server-sent event.
        using var stream = await gw.Http.GetStreamAsync("/v2/logs/stream?model=add", Ct);
        using var reader = new StreamReader(stream);
        await gw.PostJsonAsync("/v2/repository/models/add/unload", "");
        var line = await reader.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.StartsWith("data: ", line);
        Assert.Equal("add: unloaded", (string)JsonNode.Parse(line![6..])!["message"]!);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Tests.Testing;
using Xunit;

namespace ModelGate.Tests.Protocol;

/// <summary>The Open Inference Protocol over a real gateway and real ONNX Runtime sessions: health, metadata, inference in JSON and binary.</summary>
public sealed class InferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<GatewayFixture> Start() => GatewayFixture.StartAsync(dir =>
    {
        OnnxModels.WriteTo(dir, "add", "1", OnnxModels.Add());
        OnnxModels.WriteTo(dir, "matmul_add", "1", OnnxModels.MatMulAdd());
        OnnxModels.WriteTo(dir, "matmul_add", "2", OnnxModels.MatMulAdd());
    });

    [Fact]
    public async Task Health_server_and_model_metadata()
    {
        await using var gw = await Start();
        Assert.Equal(200, (await gw.GetJsonAsync("/v2/health/live")).Status);
        Assert.True((bool)(await gw.GetJsonAsync("/v2/health/ready")).Json!["ready"]!);
        var server = (await gw.GetJsonAsync("/v2")).Json!;
        Assert.Equal("modelgate", (string)server["name"]!);
        Assert.Contains("model_repository", server["extensions"]!.AsArray().Select(e => (string)e!));
        var meta = (await gw.GetJsonAsync("/v2/models/matmul_add")).Json!;
        Assert.Equal(["1", "2"], meta["versions"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("onnxruntime_onnx", (string)meta["platform"]!);
        Assert.Equal("""{"name":"x","datatype":"FP32","shape":[-1,3]}""", meta["inputs"]![0]!.ToJsonString());
        Assert.Equal(200, (await gw.GetJsonAsync("/v2/models/add/versions/1/ready")).Status);
        var unknown = await gw.GetJsonAsync("/v2/models/nope");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("unknown model 'nope'", (string)unknown.Json!["error"]!);
    }

    [Fact]
    public async Task Json_inference_flat_and_nested_with_id_and_chosen_outputs()
    {
        await using var gw = await Start();
        var (status, json) = await gw.PostJsonAsync("/v2/models/add/infer",
            """{"id":"42","inputs":[{"name":"a","shape":[3],"datatype":"FP32","data":[1,2,3.5]},{"name":"b","shape":[3],"datatype":"FP32","data":[10,20,30]}]}""");
        Assert.Equal(200, status);
        Assert.Equal("42", (string)json!["id"]!);
        Assert.Equal("add", (string)json["model_name"]!);
        Assert.Equal("""[{"name":"sum","datatype":"FP32","shape":[3],"data":[11,22,33.5]}]""", json["outputs"]!.ToJsonString());

        (status, json) = await gw.PostJsonAsync("/v2/models/matmul_add/versions/1/infer",
            """{"inputs":[{"name":"x","shape":[2,3],"datatype":"FP32","data":[[1,0,0],[0,1,1]]}],"outputs":[{"name":"y"}]}""");
        Assert.Equal(200, status);
        Assert.Equal("1", (string)json!["model_version"]!);
        Assert.Equal("[1.5,1.5,8.5,9.5]", json["outputs"]![0]!["data"]!.ToJsonString());
        Assert.Equal("[2,2]", json["outputs"]![0]!["shape"]!.ToJsonString());
    }

    [Fact]
    public async Task Binary_tensor_data_in_and_out()
    {
        await using var gw = await Start();
        var header = """{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}},{"name":"b","shape":[2],"datatype":"FP32","data":[0.5,0.5]}],"parameters":{"binary_data_output":true}}""";
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var data = new byte[8];
        BitConverter.TryWriteBytes(data.AsSpan(0, 4), 1.0f);
        BitConverter.TryWriteBytes(data.AsSpan(4, 4), 2.0f);
        var content = new ByteArrayContent([.. headerBytes, .. data]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", headerBytes.Length.ToString());
        using var response = await gw.Http.PostAsync("/v2/models/add/infer", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jsonLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single());
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        var json = JsonNode.Parse(body.AsSpan(0, jsonLength))!;
        Assert.Equal(8, (int)json["outputs"]![0]!["parameters"]!["binary_data_size"]!);
        Assert.Equal(1.5f, BitConverter.ToSingle(body, jsonLength));
        Assert.Equal(2.5f, BitConverter.ToSingle(body, jsonLength + 4));
    }

    [Theory]
    [InlineData("BOOL", "[true,false]", "[true,false]")]
    [InlineData("UINT8", "[0,255]", "[0,255]")]
    [InlineData("INT8", "[-128,127]", "[-128,127]")]
    [InlineData("UINT16", "[0,65535]", "[0,65535]")]
    [InlineData("INT16", "[-32768,32767]", "[-32768,32767]")]
    [InlineData("UINT32", "[0,4294967295]", "[0,4294967295]")]
    [InlineData("INT32", "[-2147483648,7]", "[-2147483648,7]")]
    [InlineData("UINT64", "[0,18446744073709551615]", "[0,18446744073709551615]")]
    [InlineData("INT64", "[-9223372036854775808,9]", "[-9223372036854775808,9]")]
    [InlineData("FP16", "[1.5,-2]", "[1.5,-2]")]
    [InlineData("BF16", "[1.5,-2]", "[1.5,-2]")]
    [InlineData("FP32", "[1.25,-2]", "[1.25,-2]")]
    [InlineData("FP64", "[1.000000001,-2]", "[1.000000001,-2]")]
    [InlineData("BYTES", "[\"caf\u00e9\",\"\"]", "[\"caf\u00e9\",\"\"]")]
    public async Task Every_datatype_goes_through_a_real_session(string type, string data, string expected)
    {
        await using var gw = await GatewayFixture.StartAsync(dir => OnnxModels.WriteTo(dir, "id", "1", OnnxModels.Identity(type)));
        var (status, json) = await gw.PostJsonAsync("/v2/models/id/infer", $$"""{"inputs":[{"name":"x","shape":[2],"datatype":"{{type}}","data":{{data}}}]}""");
        Assert.True(status == 200, json?.ToJsonString());
        Assert.Equal(type, (string)json!["outputs"]![0]!["datatype"]!);
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), json["outputs"]![0]!["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]}]}""", "model 'add' expects 2 inputs (a, b), the request has 1")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2],"datatype":"INT32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[1,2]}]}""", "input 'a' is INT32, but model 'add' expects FP32")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2,1],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[1,2]}]}""", "input 'a' has shape [2,1], but model 'add' expects [-1] (-1: any size)")]
    [InlineData("""{"inputs":[{"name":"a","shape":[3],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[3],"datatype":"FP32","data":[1,2,3]}]}""", "input 'a': 2 values for shape [3] (3 expected)")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,"x"]},{"name":"b","shape":[2],"datatype":"FP32","data":[1,2]}]}""", "input 'a': \"x\" is not a FP32 value")]
    [InlineData("""{"inputs":[{"name":"c","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[1,2]}]}""", "model 'add' has no input 'c' (it has a, b)")]
    [InlineData("""{"inputs":[""", "the request is not valid JSON")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[1,2]}],"outputs":[{"name":"nope"}]}""", "model 'add' has no output 'nope' (it has sum)")]
    public async Task Bad_requests_get_400_with_one_clear_error(string request, string error)
    {
        await using var gw = await Start();
        var (status, json) = await gw.PostJsonAsync("/v2/models/add/infer", request);
        Assert.Equal(400, status);
        Assert.Contains(error, (string)json!["error"]!);
        // The gateway keeps serving.
        Assert.Equal(200, (await gw.PostJsonAsync("/v2/models/add/infer",
            """{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]},{"name":"b","shape":[1],"datatype":"FP32","data":[1]}]}""")).Status);
    }
}

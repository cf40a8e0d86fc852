using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelGate.Hosting;
using ModelGate.Models;
using ModelGate.Protocol;
using ModelGate.Routing;

namespace ModelGate.Endpoints;

/// <summary>POST /v2/models/{m}[/versions/{v}]/infer: JSON or binary tensors in, outputs (JSON or binary, as asked) out.</summary>
public static class Infer
{
    public static void Map(IEndpointRouteBuilder app, GatewayState state)
    {
        RequestDelegate handler = context => HandleAsync(context, state);
        app.MapPost("/v2/models/{model}/infer", handler);
        app.MapPost("/v2/models/{model}/versions/{version}/infer", handler);
    }

    private static async Task HandleAsync(HttpContext context, GatewayState state)
    {
        var model = HttpIo.Route(context, "model")!;
        var version = HttpIo.Route(context, "version");
        var route = state.Routes.Find(model);
        var body = await HttpIo.ReadBodyAsync(context, state.Options.MaxBodyBytes).ConfigureAwait(false);
        if (route?.Endpoint is not null)
        {
            await state.Forwarder.ForwardAsync(context, route, body).ConfigureAwait(false);
            return;
        }
        var served = state.Models.Resolve(model, version ?? route?.Version);
        using var lease = served.TryAcquire() ?? throw ProtocolException.Unavailable($"model '{model}' was just unloaded");
        var start = Stopwatch.GetTimestamp();
        var headerLength = context.Request.Headers[Forwarder.HeaderLength] is { Count: > 0 } h
            ? int.TryParse(h, out var n) ? n : throw ProtocolException.BadRequest($"{Forwarder.HeaderLength} '{h}' is not a number")
            : body.Length;
        try
        {
            var request = InferenceRequest.Parse(body, headerLength);
            using var result = served.Infer(request, out var inputNs, out var inferNs);
            var written = Stopwatch.GetTimestamp();
            await WriteAsync(context, served, request, result).ConfigureAwait(false);
            served.Statistics.Success(inputNs, inferNs, (Stopwatch.GetTimestamp() - written) * 1_000_000_000 / Stopwatch.Frequency);
        }
        catch (ProtocolException)
        {
            served.Statistics.Failure((Stopwatch.GetTimestamp() - start) * 1_000_000_000 / Stopwatch.Frequency);
            throw;
        }
    }

    private static async Task WriteAsync(HttpContext context, ModelVersion served, InferenceRequest request, ModelVersion.Result result)
    {
        var json = new ArrayBufferWriter<byte>(256);
        var binary = new List<byte[]>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", served.Model);
            writer.WriteString("model_version", served.Version);
            if (request.Id is not null) writer.WriteString("id", request.Id);
            writer.WriteStartArray("outputs");
            for (var i = 0; i < result.Values.Count; i++)
            {
                var info = result.Outputs[i];
                var value = result.Values[i];
                var shape = value.GetTensorTypeAndShape().Shape;
                writer.WriteStartObject();
                writer.WriteString("name", info.Name);
                writer.WriteString("datatype", info.Type.Name);
                writer.WriteStartArray("shape");
                foreach (var d in shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                var asked = request.Outputs?.FirstOrDefault(o => o.Name == info.Name)?.Binary;
                if (asked ?? request.BinaryOutputs)
                {
                    var bytes = TensorCodec.BinaryData(value, info.Type);
                    binary.Add(bytes);
                    writer.WriteStartObject("parameters");
                    writer.WriteNumber("binary_data_size", bytes.Length);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WritePropertyName("data");
                    TensorCodec.WriteJsonData(writer, value, info.Type);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        var response = context.Response;
        response.StatusCode = 200;
        if (binary.Count == 0)
        {
            response.ContentType = "application/json";
            response.ContentLength = json.WrittenCount;
            await response.Body.WriteAsync(json.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.ContentType = "application/octet-stream";
        response.Headers[Forwarder.HeaderLength] = json.WrittenCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentLength = json.WrittenCount + binary.Sum(b => (long)b.Length);
        await response.Body.WriteAsync(json.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        foreach (var bytes in binary) await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}

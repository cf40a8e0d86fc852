using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelGate.Protocol;

namespace ModelGate.Endpoints;

/// <summary>Reading request bodies within the gateway's limit, and writing JSON answers.</summary>
public static class HttpIo
{
    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = 200)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, new ErrorResponse(message), GatewayJson.Default.ErrorResponse, status);

    /// <summary>The whole body, refused with 413 past <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, long limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit) throw TooLarge(limit);
        if (declared is { } length)
        {
            var buffer = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false);
                if (n == 0) throw ProtocolException.BadRequest($"the body ended after {read} of its {length} bytes");
                read += n;
            }
            return buffer;
        }
        var writer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = writer.GetMemory(64 * 1024);
            var n = await context.Request.Body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            if (n == 0) return writer.WrittenMemory;
            writer.Advance(n);
            if (writer.WrittenCount > limit) throw TooLarge(limit);
        }
    }

    private static ProtocolException TooLarge(long limit) =>
        new(413, $"the request body is larger than the gateway's limit of {limit / (1024 * 1024)} MiB (modelgate serve --max-body-mb)");

    public static string? Route(HttpContext context, string key) => context.Request.RouteValues[key] as string;
}

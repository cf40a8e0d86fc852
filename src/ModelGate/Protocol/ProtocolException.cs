namespace ModelGate.Protocol;

/// <summary>A request the protocol answers with an error status and <c>{"error": message}</c>: 400 bad input, 404 unknown, 413 too large, 503 unavailable.</summary>
public sealed class ProtocolException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ProtocolException BadRequest(string message) => new(400, message);
    public static ProtocolException NotFound(string message) => new(404, message);
    public static ProtocolException Unavailable(string message) => new(503, message);
}

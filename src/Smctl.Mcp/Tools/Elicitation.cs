using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Smctl.Mcp.Tools;

/// <summary>
/// The question a destructive tool would ask in a terminal, put to the user through the client (MCP elicitation)
/// when the client can show a form; otherwise the call needs confirm: true, which a model sets once its user agreed.
/// </summary>
public static class Elicitation
{
    /// <summary>Asks the user, or null when the client cannot be asked (then only confirm: true goes on).</summary>
    public static Func<string, bool>? Asker(McpServer server, CancellationToken ct)
    {
        if (server.ClientCapabilities?.Elicitation is not { } elicitation || (elicitation.Form is null && elicitation.Url is not null)) return null;
        return question =>
        {
            try
            {
                // The operation asks synchronously, as a terminal prompt does; the answer arrives on the transport's
                // own reader, so waiting here holds only this call.
                var answer = server.ElicitAsync(new ElicitRequestParams
                {
                    Message = question,
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                        {
                            ["confirm"] = new ElicitRequestParams.BooleanSchema { Title = "Go ahead", Description = question, Default = false },
                        },
                        Required = ["confirm"],
                    },
                }, ct).AsTask().GetAwaiter().GetResult();
                return answer.IsAccepted && answer.Content?.TryGetValue("confirm", out var value) == true && value.ValueKind == System.Text.Json.JsonValueKind.True;
            }
            catch (Exception e) when (e is ModelContextProtocol.McpException or InvalidOperationException or NotSupportedException)
            {
                // A client that advertised elicitation but cannot answer it now: not confirmed, and the refusal says how to go on.
                return false;
            }
        };
    }
}

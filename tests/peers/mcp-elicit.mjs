// A destructive tool called by the official MCP TypeScript client that can show the user a form (elicitation):
// the server asks its question through the client instead of refusing for want of confirm: true.
// Usage: node mcp-elicit.mjs <accept|decline> <url> <tool> <arguments-json>
// Prints one JSON line: the questions asked, and the call's isError and text.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [answer, url, tool, args] = process.argv.slice(2);
const client = new Client({ name: "smctl-elicit-test", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
const asked = [];
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  asked.push({ message: request.params.message, schema: request.params.requestedSchema });
  return answer === "accept" ? { action: "accept", content: { confirm: true } } : { action: "decline" };
});
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
await client.close();
console.log(JSON.stringify({ asked, isError: result.isError === true, text: result.content?.[0]?.text ?? "" }));

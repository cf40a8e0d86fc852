// Toolsets as a host meets them, with the official MCP TypeScript client: the tools a session starts with and their
// size in o200k tokens (gpt-tokenizer), a call to a tool not listed yet, smctl_toolset_enable, the
// notifications/tools/list_changed that follows, the longer list, the call again; and a second session that still
// lists what it started with.
// Usage: node mcp-toolsets.mjs stdio <command> [args...]
//        node mcp-toolsets.mjs http  <url>
// Prints one JSON line with what it saw; exits non-zero on any failure.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [mode, target, ...rest] = process.argv.slice(2);
const connect = async () => {
  const client = new Client({ name: "smctl-toolsets-test", version: "1.0.0" });
  await client.connect(mode === "stdio"
    ? new StdioClientTransport({ command: target, args: rest, cwd: process.cwd(), env: { ...process.env }, stderr: "inherit" })
    : new StreamableHTTPClientTransport(new URL(target)));
  return client;
};
const text = (result) => result.content?.[0]?.text ?? "";

const client = await connect();
const first = (await client.listTools()).tools;
const before = await client.callTool({ name: "smctl_build_graph", arguments: {} });

const changed = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("no notifications/tools/list_changed within 20 s")), 20000);
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    clearTimeout(timer);
    resolve(true);
  });
});
const enabled = await client.callTool({ name: "smctl_toolset_enable", arguments: { toolsets: ["build"] } });
await changed;
const second = (await client.listTools()).tools;
const after = await client.callTool({ name: "smctl_build_graph", arguments: {} });
const unknown = await client.callTool({ name: "smctl_toolset_enable", arguments: { toolsets: ["nope"] } });

let other = null;
if (mode === "http") {
  const another = await connect();
  other = (await another.listTools()).tools.map((t) => t.name);
  await another.close();
}
await client.close();

console.log(JSON.stringify({
  first: first.map((t) => t.name),
  firstTokens: countTokens(JSON.stringify({ tools: first })),
  before: { isError: before.isError === true, text: text(before) },
  enabled: enabled.structuredContent ?? null,
  second: second.map((t) => t.name),
  after: { isError: after.isError === true, structured: after.structuredContent !== undefined },
  unknown: { isError: unknown.isError === true, text: text(unknown) },
  other,
}));

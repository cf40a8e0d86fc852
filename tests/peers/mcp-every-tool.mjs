// The official MCP TypeScript client calling every tool as a host does: tools/list first (which makes the client
// validate each result against the tool's outputSchema), then each call of a list. The schemas are also compiled by
// ajv in strict mode (JSON Schema 2020-12, with ajv-formats), as strict hosts do.
// Usage: node mcp-every-tool.mjs <calls.json> stdio <command> [args...]
//        node mcp-every-tool.mjs <calls.json> http <url>
// calls.json: [{"name": "smctl_x", "arguments": {...}}, ...]
// Prints one JSON line: {tools, schemaProblems, results: [{name, isError, text} | {name, thrown}]}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [callsFile, mode, target, ...rest] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, "utf8"));
const transport = mode === "stdio"
  ? new StdioClientTransport({ command: target, args: rest, cwd: process.cwd(), env: { ...process.env }, stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(target));

const client = new Client({ name: "smctl-every-tool", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();

// With the standard formats (date-time, uri), as the SDK's own validator has them.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schemaProblems = [];
for (const tool of tools) {
  for (const kind of ["inputSchema", "outputSchema"]) {
    if (!tool[kind]) { schemaProblems.push(`${tool.name} has no ${kind}`); continue; }
    try { ajv.compile(tool[kind]); } catch (e) { schemaProblems.push(`${tool.name} ${kind}: ${e.message}`); }
  }
}

const results = [];
for (const call of calls) {
  try {
    const result = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
    const text = result.content?.find((c) => c.type === "text")?.text ?? "";
    results.push({ index: results.length, name: call.name, isError: result.isError ?? false, structured: result.structuredContent !== undefined, planId: result.structuredContent?.planId ?? null, text: text.slice(0, 400) });
  } catch (e) {
    results.push({ index: results.length, name: call.name, thrown: String(e.message ?? e).slice(0, 600) });
  }
}
console.log(JSON.stringify({ tools: tools.map((t) => t.name), schemaProblems, results }));
await client.close();

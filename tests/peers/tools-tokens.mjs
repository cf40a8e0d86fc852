// The size of an MCP server's tools/list as a model receives it: bytes and o200k tokens (gpt-tokenizer), in all and
// per part (names and descriptions, input schemas, output schemas). Used by bench/mcp-tokens.sh.
// Usage: node tools-tokens.mjs <command> [args...]
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = process.argv.slice(2);
const client = new Client({ name: "tools-tokens", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command, args, stderr: "ignore" }));
const { tools } = await client.listTools();
await client.close();

const size = (value) => {
  const text = JSON.stringify(value);
  return { bytes: Buffer.byteLength(text), tokens: countTokens(text) };
};
const part = (pick) => size(tools.map(pick));
console.log(JSON.stringify({
  tools: tools.length,
  all: size({ tools }),
  text: part((t) => ({ name: t.name, title: t.title, description: t.description, annotations: t.annotations })),
  inputSchemas: part((t) => t.inputSchema),
  outputSchemas: part((t) => t.outputSchema),
  largest: tools.map((t) => ({ name: t.name, ...size(t) })).sort((a, b) => b.tokens - a.tokens).slice(0, 8),
}));

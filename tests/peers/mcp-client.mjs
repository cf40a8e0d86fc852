// The official MCP TypeScript client against smctl: list, call, read, subscribe, and hear of a real commit.
// Usage: node mcp-client.mjs stdio <repo-to-commit-in> <command> [args...]
//        node mcp-client.mjs http  <repo-to-commit-in> <url>
// Prints one JSON line with what it saw; exits non-zero on any failure.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [mode, repo, target, ...rest] = process.argv.slice(2);
const transport = mode === "stdio"
  ? new StdioClientTransport({ command: target, args: rest, cwd: process.cwd(), env: { ...process.env }, stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(target));

const client = new Client({ name: "smctl-peer-test", version: "1.0.0" });
await client.connect(transport);

const tools = await client.listTools();
const status = await client.callTool({ name: "smctl_workspace_status", arguments: {} });
const config = await client.readResource({ uri: "smctl://workspace/config" });

const updated = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("no notifications/resources/updated within 20 s")), 20000);
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    clearTimeout(timer);
    resolve(n.params.uri);
  });
});
await client.subscribeResource({ uri: "smctl://workspace/status" });
writeFileSync(join(repo, "peer.txt"), "from the TypeScript client\n");
execFileSync("git", ["-C", repo, "add", "peer.txt"]);
execFileSync("git", ["-C", repo, "commit", "-q", "-m", "peer commit"]);
const uri = await updated;

console.log(JSON.stringify({
  protocol: transport.protocolVersion ?? null,
  tools: tools.tools.map((t) => t.name),
  statusIsError: status.isError ?? false,
  repos: status.structuredContent.repos.map((r) => r.name),
  configMime: config.contents[0].mimeType,
  updated: uri,
}));
await client.close();

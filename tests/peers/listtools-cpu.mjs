// The client CPU one tools/list costs the official TypeScript client (it parses the list and compiles a validator per
// output schema): the median of N rounds, each a fresh client on the same server process. Used by bench/mcp-tokens.sh.
// Usage: node listtools-cpu.mjs <rounds> <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [rounds, command, ...args] = process.argv.slice(2);
const samples = [];
for (let i = 0; i < Number(rounds); i++) {
  const client = new Client({ name: "listtools-cpu", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args, stderr: "ignore" }));
  const before = process.cpuUsage();
  const { tools } = await client.listTools();
  const used = process.cpuUsage(before);
  samples.push((used.user + used.system) / 1000);
  await client.close();
  if (i === 0) console.error(`${tools.length} tools`);
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: samples[Math.floor(samples.length / 2)], samples }));

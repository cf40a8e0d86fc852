#!/usr/bin/env python3
"""Times smctl's MCP server over stdio (the NativeAOT binary), with nothing but the standard library.

  bench/mcp_client.py first-list SMCTL WORKSPACE RUNS   process start -> answer of the first tools/list (ms)
  bench/mcp_client.py status     SMCTL WORKSPACE RUNS   round trips of smctl_workspace_status after a first call (ms)

Prints the median and every sample as JSON.
"""
import json, statistics, subprocess, sys, time

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}


def start(smctl, workspace):
    return subprocess.Popen([smctl, "-w", workspace, "serve", "--mcp", "--stdio"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)


def send(p, message):
    p.stdin.write(json.dumps(message) + "\n")
    p.stdin.flush()


def answer(p, wanted):
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("server closed stdout")
        message = json.loads(line)
        if message.get("id") == wanted:
            return message


def first_list(smctl, workspace):
    t0 = time.perf_counter()
    p = start(smctl, workspace)
    send(p, INIT)
    send(p, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    send(p, {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    tools = answer(p, 1)["result"]["tools"]
    elapsed = (time.perf_counter() - t0) * 1000
    assert any(t["name"] == "smctl_workspace_status" for t in tools)
    p.stdin.close()
    p.wait()
    return elapsed


def status_round_trips(smctl, workspace, runs):
    p = start(smctl, workspace)
    send(p, INIT)
    answer(p, 0)
    send(p, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    samples = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        send(p, {"jsonrpc": "2.0", "id": 100 + i, "method": "tools/call", "params": {"name": "smctl_workspace_status", "arguments": {}}})
        result = answer(p, 100 + i)["result"]
        elapsed = (time.perf_counter() - t0) * 1000
        assert not result.get("isError"), result
        if i > 0:  # the first call loads what later ones reuse
            samples.append(elapsed)
    p.stdin.close()
    p.wait()
    return samples


if __name__ == "__main__":
    mode, smctl, workspace, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "first-list":
        samples = [first_list(smctl, workspace) for _ in range(runs)]
    else:
        samples = status_round_trips(smctl, workspace, runs)
    print(json.dumps({"mode": mode, "median_ms": round(statistics.median(samples), 2),
                      "mean_ms": round(statistics.mean(samples), 2), "samples_ms": [round(s, 2) for s in samples]}))

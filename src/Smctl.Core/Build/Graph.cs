using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Build.Shared;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;

namespace Smctl.Core.Build;

public sealed record BuildGraphInput;

public sealed record BuildGraphNode(string Name, IReadOnlyList<string> DependsOn, bool HasBuildCmd);

public sealed record BuildGraphResult(IReadOnlyList<BuildGraphNode> Nodes, string Dot);

/// <summary>The dependency graph the builds follow, as data and as Graphviz DOT.</summary>
public sealed class BuildGraph : IOperation<BuildGraphInput, BuildGraphResult>
{
    public OperationInfo Info { get; } = new("build.graph", "Show the repos' dependency graph: each repo and what it depends on, and as Graphviz DOT.", OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<BuildGraphInput> InputJson => SmctlJson.Default.BuildGraphInput;
    public JsonTypeInfo<BuildGraphResult> ResultJson => SmctlJson.Default.BuildGraphResult;

    public Task<BuildGraphResult> RunAsync(SmctlContext context, BuildGraphInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var nodes = ws.Repos.Select(r => new BuildGraphNode(r.Name, r.DependsOn, !string.IsNullOrWhiteSpace(r.BuildCmd))).ToList();
        var dot = "digraph smctl {\n  rankdir=LR;\n" + string.Concat(nodes.Select(n => $"  \"{n.Name}\";\n"))
            + string.Concat(nodes.SelectMany(n => n.DependsOn.Select(d => $"  \"{d}\" -> \"{n.Name}\";\n"))) + "}\n";
        return Task.FromResult(new BuildGraphResult(nodes, dot));
    }
}

public sealed record BuildStatusInput;

/// <param name="Last">The latest build's summary, when there has been one.</param>
public sealed record BuildStatusResult(IReadOnlyList<VerifyResult> Verification, BuildResult? Last);

/// <summary>The latest verification result per repo.</summary>
public sealed class BuildStatus : IOperation<BuildStatusInput, BuildStatusResult>
{
    public OperationInfo Info { get; } = new("build.status", "Show the latest verification (verify_cmd) result per repo and the last build's summary.", OperationEffect.ReadOnly, Idempotent: true);
    public JsonTypeInfo<BuildStatusInput> InputJson => SmctlJson.Default.BuildStatusInput;
    public JsonTypeInfo<BuildStatusResult> ResultJson => SmctlJson.Default.BuildStatusResult;

    public Task<BuildStatusResult> RunAsync(SmctlContext context, BuildStatusInput input, CancellationToken ct)
    {
        var smctlDir = context.RequireWorkspace().SmctlDir;
        return Task.FromResult(new BuildStatusResult(new VerifyResults(smctlDir).All(), new LastBuild(smctlDir).Read()));
    }
}

public sealed record BuildCleanCacheInput;

public sealed record BuildCleanCacheResult(int Forgotten);

/// <summary>Forgets every recorded success: the next build rebuilds everything.</summary>
public sealed class BuildCleanCache : IOperation<BuildCleanCacheInput, BuildCleanCacheResult>
{
    public OperationInfo Info { get; } = new("build.clean-cache", "Forget every recorded build success, so the next build rebuilds everything.", OperationEffect.Mutating, Idempotent: true);
    public JsonTypeInfo<BuildCleanCacheInput> InputJson => SmctlJson.Default.BuildCleanCacheInput;
    public JsonTypeInfo<BuildCleanCacheResult> ResultJson => SmctlJson.Default.BuildCleanCacheResult;

    public Task<BuildCleanCacheResult> RunAsync(SmctlContext context, BuildCleanCacheInput input, CancellationToken ct)
    {
        var cache = new BuildCache(context.RequireWorkspace().SmctlDir);
        return Task.FromResult(new BuildCleanCacheResult(context.DryRun ? 0 : cache.Clear()));
    }
}

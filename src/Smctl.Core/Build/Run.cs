using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Build.Shared;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Build;

public sealed record BuildInput : ICheckedInput
{
    [Description("Build these and everything they depend on (all repos when empty)")]
    [Argument(0, Name = "repo", CommaSeparated = true, Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Run test_cmd after building")]
    public bool Test { get; init; }
    [Description("Run clean_cmd first (and build even when cached)")]
    public bool Clean { get; init; }
    [Description("Run verify_cmd (model checkers, linters) and record the result")]
    public bool Verify { get; init; }
    [Description("As many repos at once as cores (default: one at a time)")]
    public bool Parallel { get; init; }
    [Description("Repos built at once (overrides parallel)")]
    public int? Jobs { get; init; }
    [Description("Build everything that does not depend on a failure")]
    [Option(Alias = "-k")]
    public bool KeepGoing { get; init; }
    [Description("Build even what the cache says is done")]
    public bool NoCache { get; init; }
    [Description("Build this worktree set instead of the main checkouts")]
    [Option(HelpName = "NAME")]
    public string? Worktree { get; init; }
    [Description("Stop a repo's command after this many seconds")]
    [Option("--timeout", HelpName = "SECONDS")]
    public int? TimeoutSeconds { get; init; }
    [Description("Only repos changed since a revision (default: the merge base with develop) and their dependents")]
    public bool Affected { get; init; }
    [Description("The revision affected compares with (implies affected)")]
    [Option(HelpName = "REF")]
    public string? Since { get; init; }

    public void Check(Func<string, string> label)
    {
        InputRules.Positive(Jobs, label("jobs"));
        InputRules.Positive(TimeoutSeconds, label("timeoutSeconds"));
    }
}

/// <summary>What became of one repo in a build.</summary>
public enum BuildOutcome
{
    [JsonStringEnumMemberName("built")] Built,
    [JsonStringEnumMemberName("cached")] Cached,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>A dependency failed, or the build stopped first.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
    /// <summary>Not on disk.</summary>
    [JsonStringEnumMemberName("missing")] Missing,
    /// <summary>A dry run's verdict: its cache key matches no recorded success.</summary>
    [JsonStringEnumMemberName("would-build")] WouldBuild,
}

/// <param name="Status">built, cached, failed, skipped (a dependency failed, or the build stopped first), missing; would-build in a dry run.</param>
/// <param name="Commands">In a dry run: the commands a build would run, in order.</param>
/// <param name="Reasons">Why it was rebuilt: which part of its cache key changed.</param>
public sealed record RepoBuildResult(string Name, BuildOutcome Status, long StartedMs, long DurationMs, int? ExitCode = null, string? FailedCommand = null,
    string? Log = null, IReadOnlyList<string>? LogTail = null, IReadOnlyList<string>? Reasons = null, IReadOnlyList<string>? Commands = null);

/// <param name="DryRun">Nothing was built or written: the statuses say what a build would do.</param>
public sealed record BuildResult(string RunId, int Jobs, long DurationMs, IReadOnlyList<RepoBuildResult> Repos, bool DryRun = false) : IOutcome
{
    public int Failed => Repos.Count(r => r.Status is BuildOutcome.Failed or BuildOutcome.Missing);
    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Failed > 0 ? ErrorKind.Build : null;
}

/// <summary>
/// Builds repos in dependency order with a DAG scheduler (a repo starts the moment its own dependencies are
/// done), bounded parallelism, a cache of successes keyed on tree state, commands, environment and the
/// dependencies' keys, and a log per repo.
/// </summary>
public sealed class BuildRun : IOperation<BuildInput, BuildResult>
{
    /// <summary>Environment variables that change what a build produces, so they are part of the cache key.</summary>
    public static readonly string[] KeyEnvironment = ["CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS", "RUSTFLAGS", "CARGO_TARGET_DIR", "GOFLAGS", "DOTNET_CONFIGURATION", "NODE_ENV"];

    public OperationInfo Info { get; } = new("build",
        "Build the named repos and their dependencies (default: all) in dependency order, optionally testing, with a cache and a log per repo.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<BuildInput> InputJson => SmctlJson.Default.BuildInput;
    public JsonTypeInfo<BuildResult> ResultJson => SmctlJson.Default.BuildResult;

    public async Task<BuildResult> RunAsync(SmctlContext context, BuildInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        // A revision to compare with asks for the affected repos by itself, from the CLI and MCP alike.
        var selected = input.Affected || input.Since is not null ? AffectedRepos(context, ws, Closure(ws, input.Repos), input.Since) : Closure(ws, input.Repos);
        var jobs = Math.Max(1, input.Jobs ?? (input.Parallel ? context.Jobs : 1));
        var runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-build";
        var logDir = SmctlLayout.LogsDir(ws.SmctlDir, runId);
        var folders = Folders(ws, context, selected, input.Worktree);
        var cache = new BuildCache(ws.SmctlDir);
        if (context.DryRun) return Planned(selected, folders, input, cache, jobs, runId);
        var verify = new VerifyResults(ws.SmctlDir);
        var shared = context.Settings.String(ConfigKeys.SharedTargetDir);
        var clock = Stopwatch.StartNew();
        context.Progress(new ProgressEvent("", "building", Total: selected.Count));

        var results = new Dictionary<string, RepoBuildResult>();
        var keys = new System.Collections.Concurrent.ConcurrentDictionary<string, BuildKeyParts>();
        // Among ready repos, those on the longest remaining path (by their last build times) start first.
        var durations = new BuildDurations(ws.SmctlDir);
        var pending = BuildDurations.Priority(selected, durations.Read());
        var running = new Dictionary<Task<RepoBuildResult>, string>();
        var stop = false;
        while (pending.Count > 0 || running.Count > 0)
        {
            foreach (var repo in pending.ToList())
            {
                if (running.Count >= jobs) break;
                var deps = repo.DependsOn.Where(d => selected.Any(s => s.Name == d)).ToList();
                if (deps.Any(d => results.TryGetValue(d, out var r) && r.Status is not (BuildOutcome.Built or BuildOutcome.Cached)))
                {
                    pending.Remove(repo);
                    results[repo.Name] = new RepoBuildResult(repo.Name, BuildOutcome.Skipped, clock.ElapsedMilliseconds, 0, Reasons: [$"a dependency failed: {string.Join(", ", deps.Where(d => results.GetValueOrDefault(d)?.Status is not (BuildOutcome.Built or BuildOutcome.Cached)))}"]);
                    continue;
                }
                if (stop || !deps.All(results.ContainsKey)) continue;
                pending.Remove(repo);
                var depKeys = deps.Select(d => keys[d]).ToList();
                running[BuildOneAsync(context, repo, folders[repo.Name], () => keys[repo.Name] = KeyOf(repo, folders[repo.Name], input, depKeys),
                    input, cache, verify, logDir, shared is null ? null : Path.Combine(ws.RootDir, shared), clock, ct)] = repo.Name;
            }
            if (running.Count == 0)
            {
                if (pending.Count == 0 || stop) break;
                continue;
            }
            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var result = await finished.ConfigureAwait(false);
            running.Remove(finished);
            results[result.Name] = result;
            if (result.Status is BuildOutcome.Failed or BuildOutcome.Missing && !input.KeepGoing) stop = true;
        }
        foreach (var repo in pending) results[repo.Name] = new RepoBuildResult(repo.Name, BuildOutcome.Skipped, clock.ElapsedMilliseconds, 0, Reasons: ["the build stopped at the first failure (--keep-going builds the rest)"]);
        var summary = new BuildResult(runId, jobs, clock.ElapsedMilliseconds, selected.Select(r => results[r.Name]).ToList());
        new LastBuild(ws.SmctlDir).Write(summary);
        durations.Record(summary.Repos);
        return summary;
    }

    /// <summary>
    /// What a build would do, writing nothing: the repos in an order the scheduler may take, each one's cache
    /// verdict with the reason, and the commands it would run. A key depends on the tree and the dependencies'
    /// keys, not on their outputs, so every key is known without building.
    /// </summary>
    private static BuildResult Planned(IReadOnlyList<RepoEntry> selected, Dictionary<string, string> folders, BuildInput input, BuildCache cache, int jobs, string runId)
    {
        var keys = new Dictionary<string, BuildKeyParts>();
        var planned = new List<RepoBuildResult>();
        var left = selected.ToList();
        while (left.Count > 0)
        {
            var repo = left.First(r => r.DependsOn.All(d => keys.ContainsKey(d) || selected.All(s => s.Name != d)));
            left.Remove(repo);
            var folder = folders[repo.Name];
            var parts = keys[repo.Name] = KeyOf(repo, folder, input, [.. repo.DependsOn.Where(keys.ContainsKey).Select(d => keys[d])]);
            var commands = Commands(repo, input).Select(c => c.Command).ToList();
            if (!Directory.Exists(folder))
            {
                planned.Add(new RepoBuildResult(repo.Name, BuildOutcome.Missing, 0, 0, Reasons: NotOnDisk));
                continue;
            }
            planned.Add(RebuildReasons(input, cache.Read(repo.Name), parts) is { } reasons
                ? new RepoBuildResult(repo.Name, BuildOutcome.WouldBuild, 0, 0, Reasons: reasons, Commands: commands)
                : new RepoBuildResult(repo.Name, BuildOutcome.Cached, 0, 0, Reasons: ["its cache key matches a recorded success"]));
        }
        return new BuildResult(runId, jobs, 0, planned, DryRun: true);
    }

    private static readonly string[] NotOnDisk = ["not on disk (run 'smctl workspace init')"];

    /// <summary>Why a repo must be built, or null when its cache key matches a recorded success (a build and its dry run decide alike).</summary>
    private static IReadOnlyList<string>? RebuildReasons(BuildInput input, BuildCacheEntry entry, BuildKeyParts parts) =>
        input.NoCache ? ["--no-cache"] : input.Clean ? ["--clean"] : entry.Successes.Contains(parts.Key) ? null : parts.ChangedSince(entry.Last);

    /// <summary>The repos whose files differ from <paramref name="since"/> (committed or not), and every repo depending on them.</summary>
    private static IReadOnlyList<RepoEntry> AffectedRepos(SmctlContext context, Workspace.Shared.Workspace ws, IReadOnlyList<RepoEntry> candidates, string? since)
    {
        if (since is not null && since.StartsWith('-')) throw SmctlException.Usage($"'{since}' is not a revision.");
        var workspace = Branches.FlowModel.From(context.Settings);
        var changed = new HashSet<string>();
        foreach (var repo in candidates.Where(r => RepoReader.IsRepository(r.FullPath)))
        {
            string? reference = since;
            if (reference is null)
            {
                var develop = Branches.RepoFlow.Of(workspace, repo).FeatureTarget;
                var target = RepoReader.Resolve(repo.FullPath, develop) ?? RepoReader.Resolve(repo.FullPath, $"origin/{develop}");
                var head = RepoReader.Resolve(repo.FullPath, "HEAD");
                reference = target is null || head is null ? null : RepoReader.MergeBase(repo.FullPath, head, target);
            }
            else if (RepoReader.Resolve(repo.FullPath, reference) is null)
                throw SmctlException.Usage($"{repo.Name} has no revision '{reference}'.", "give --since a branch, tag or commit every selected repo has");
            // No base to compare with: count it as changed rather than skip work.
            if (reference is null || RepoReader.DiffersFrom(repo.FullPath, reference)) changed.Add(repo.Name);
        }
        var affected = new HashSet<string>(changed);
        foreach (var name in changed)
            foreach (var r in candidates.Where(c => DependsTransitively(candidates, c, name))) affected.Add(r.Name);
        return candidates.Where(r => affected.Contains(r.Name)).ToList();
    }

    private static bool DependsTransitively(IReadOnlyList<RepoEntry> repos, RepoEntry repo, string on) =>
        repo.DependsOn.Contains(on) || repo.DependsOn.Any(d => repos.FirstOrDefault(r => r.Name == d) is { } dep && DependsTransitively(repos, dep, on));

    /// <summary>The named repos and everything they depend on, in manifest order.</summary>
    public static IReadOnlyList<RepoEntry> Closure(Workspace.Shared.Workspace ws, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return ws.Repos;
        var wanted = new HashSet<string>();
        void Add(string name)
        {
            if (!wanted.Add(name)) return;
            foreach (var dep in ws.Repo(name).DependsOn) Add(dep);
        }
        foreach (var name in names) Add(ws.Repo(name).Name);
        return ws.Repos.Where(r => wanted.Contains(r.Name)).ToList();
    }

    private static Dictionary<string, string> Folders(Workspace.Shared.Workspace ws, SmctlContext context, IReadOnlyList<RepoEntry> repos, string? worktree)
    {
        if (worktree is null) return repos.ToDictionary(r => r.Name, r => r.FullPath);
        var layout = new Worktree.Shared.WorktreeLayout(ws, context.Settings);
        var set = layout.Find(worktree, null) ?? throw SmctlException.Usage($"there is no worktree set '{worktree}'.", "see 'smctl worktree list'");
        // Repos without a worktree in the set are built from their main checkout (a set need not span every repo).
        return repos.ToDictionary(r => r.Name, r => Directory.Exists(layout.FolderFor(set.Dir, r)) ? layout.FolderFor(set.Dir, r) : r.FullPath);
    }

    private static IReadOnlyList<(string Phase, string Command)> Commands(RepoEntry repo, BuildInput input) =>
        new (string, string?)[]
        {
            ("clean", input.Clean ? repo.CleanCmd : null),
            ("build", repo.BuildCmd),
            ("test", input.Test ? repo.TestCmd : null),
            ("verify", input.Verify ? repo.VerifyCmd : null),
        }.Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => (c.Item1, c.Item2!)).ToList();

    private static BuildKeyParts KeyOf(RepoEntry repo, string folder, BuildInput input, IReadOnlyList<BuildKeyParts> deps)
    {
        var tree = RepoReader.IsRepository(folder) ? BuildKeyParts.TreeState(folder) : "missing";
        var commands = string.Join("\n", Commands(repo, input).Select(c => $"{c.Phase}: {c.Command}"));
        var env = string.Join("\n", KeyEnvironment.Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}"));
        return new BuildKeyParts(tree, commands, BuildKeyParts.Hash(env), BuildKeyParts.Hash(string.Join("\n", deps.Select(d => d.Key))));
    }

    /// <param name="key">Computes the repo's key (reading its files) on the worker, not on the scheduler.</param>
    private static async Task<RepoBuildResult> BuildOneAsync(SmctlContext context, RepoEntry repo, string folder, Func<BuildKeyParts> key, BuildInput input,
        BuildCache cache, VerifyResults verify, string logDir, string? sharedTarget, Stopwatch clock, CancellationToken ct)
    {
        await Task.Yield();
        var started = clock.ElapsedMilliseconds;
        var parts = key();
        if (!Directory.Exists(folder))
            return new RepoBuildResult(repo.Name, BuildOutcome.Missing, started, 0, Reasons: NotOnDisk);
        if (RebuildReasons(input, cache.Read(repo.Name), parts) is not { } reasons)
        {
            context.Progress(new ProgressEvent(repo.Name, "cached", Finished: true));
            return new RepoBuildResult(repo.Name, BuildOutcome.Cached, started, 0);
        }
        Directory.CreateDirectory(logDir);
        var log = Path.Combine(logDir, repo.Name + ".log");
        var env = new Dictionary<string, string> { ["SMCTL_REPO_NAME"] = repo.Name, ["SMCTL_REPO_PATH"] = folder };
        if (sharedTarget is not null && folder != repo.FullPath) env["CARGO_TARGET_DIR"] = sharedTarget;
        var timeout = input.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(input.TimeoutSeconds.Value) : TimeSpan.FromHours(2);
        await using var writer = new StreamWriter(log) { AutoFlush = true };
        // The command that failed is the one running, not read back from the log (whose tail may not reach it).
        string? running = null;
        foreach (var (phase, command) in Commands(repo, input))
        {
            running = command;
            context.Progress(new ProgressEvent(repo.Name, phase));
            await writer.WriteLineAsync($"$ {command}").ConfigureAwait(false);
            void Write(string line) { lock (writer) writer.WriteLine(line); }
            ProcessResult run;
            try
            {
                run = await ProcessRunner.RunAsync("/bin/sh", ["-c", command], folder, env, timeout, ct, Write, Write).ConfigureAwait(false);
            }
            catch (SmctlException e)
            {
                Write(e.Message);
                return Failed(null, e.Message);
            }
            if (phase == "verify") verify.Record(repo.Name, run.Ok, run.ExitCode, parts.Key);
            if (!run.Ok) return Failed(run.ExitCode, null);
        }
        cache.RecordSuccess(repo.Name, parts);
        context.Progress(new ProgressEvent(repo.Name, "built", Finished: true));
        return new RepoBuildResult(repo.Name, BuildOutcome.Built, started, clock.ElapsedMilliseconds - started, 0, Log: log, Reasons: reasons);

        RepoBuildResult Failed(int? code, string? why)
        {
            writer.Flush();
            var tail = File.ReadAllLines(log).TakeLast(15).ToList();
            context.Progress(new ProgressEvent(repo.Name, "failed", Finished: true, Failed: true, Detail: why ?? $"exit {code}"));
            return new RepoBuildResult(repo.Name, BuildOutcome.Failed, started, clock.ElapsedMilliseconds - started, code, running, log, tail, reasons);
        }
    }
}

using System.Text.Json.Serialization;

namespace Smctl.Core.Plans;

/// <summary>Where a run stands. Aborting: an abort has begun putting the repos back; only abort may go on from there.</summary>
public enum RunPhase
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("interrupted")] Interrupted,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("aborted")] Aborted,
    [JsonStringEnumMemberName("undone")] Undone,
    [JsonStringEnumMemberName("aborting")] Aborting,
    /// <summary>A dry run's plan: nothing ran.</summary>
    [JsonStringEnumMemberName("planned")] Planned,
}

/// <summary>Where one step stands; planned only in a dry run's plan (a run's steps start pending).</summary>
public enum StepStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("planned")] Planned,
}

/// <summary>How far one repo's program got.</summary>
public sealed class RepoRun
{
    public required string Repo { get; init; }
    public required string Path { get; init; }
    public required List<StepStatus> Steps { get; init; }
    /// <summary>Refs before the first step (for abort and undo).</summary>
    public required RefSnapshot Before { get; init; }
    /// <summary>Refs when the run completed (undo refuses to move what changed since).</summary>
    public RefSnapshot? After { get; set; }
    public string? Error { get; set; }
    /// <summary>
    /// What the run's pushes left on the remote, branch → commit (null: deleted), read from the remote-tracking refs
    /// right after each push: abort leases against it, so a teammate's later push (even fetched by a sync) is never undone.
    /// </summary>
    // Absent from older files: the generated reader passes null then, read as nothing pushed.
    public Dictionary<string, string?> Pushed { get; init => field = value ?? []; } = [];

    /// <summary>What the failed step suggests doing about it (a protected branch: propose instead).</summary>
    public string? Hint { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int NextStep => Steps.FindIndex(s => s is StepStatus.Pending or StepStatus.Failed);
}

/// <summary>The persisted state of a multi-repo run (.smctl/state/run.json), enough to continue, skip, abort or undo it.</summary>
public sealed class RunState
{
    public required Plan Plan { get; init; }
    public RunPhase Phase { get; set; }
    public DateTimeOffset Started { get; init; } = DateTimeOffset.UtcNow;
    public required List<RepoRun> Repos { get; init; }

    public RepoRun Of(string repo) => Repos.First(r => r.Repo == repo);

    /// <summary>
    /// Why this state, read from a file, cannot be the state of a run, or null: every repo of the plan needs its
    /// progress (one status per step) and no list may hold a gap. The deserializer checks the fields; this checks
    /// how they fit together, which continue, abort and undo rely on.
    /// </summary>
    public string? Problem()
    {
        if (Plan.Problem() is { } planProblem) return planProblem;
        if (Repos.Any(r => r is null)) return "the run has an empty repo entry";
        foreach (var program in Plan.Repos)
        {
            var runs = Repos.Count(r => r.Repo == program.Repo);
            if (runs != 1) return $"repo '{program.Repo}' has {runs} progress records, not one";
            var run = Of(program.Repo);
            if (run.Steps.Count != program.Steps.Count) return $"repo '{program.Repo}' has {run.Steps.Count} step statuses for {program.Steps.Count} steps";
        }
        return Repos.FirstOrDefault(r => Plan.Repos.All(p => p.Repo != r.Repo)) is { } stray ? $"repo '{stray.Repo}' is not in the plan" : null;
    }
}

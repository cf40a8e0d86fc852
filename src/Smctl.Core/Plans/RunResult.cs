namespace Smctl.Core.Plans;

/// <param name="Detail">What a step changes in files, as a unified diff (a release's changelog and versions, the specs an archive writes).</param>
public sealed record StepView(string Op, string Command, StepStatus Status, string? Detail = null);

public sealed record RepoRunView(string Repo, IReadOnlyList<StepView> Steps, string? Error = null)
{
    /// <summary>What the failed step suggests doing about its error.</summary>
    public string? Hint { get; init; }
}

/// <summary>A plan or a run as data: every step per repo and where it stands.</summary>
/// <param name="Phase">planned (dry run), running, interrupted, aborting (an abort that stopped half-way), completed, aborted, undone.</param>
public sealed record RunResult(string Id, string Command, RunPhase Phase, IReadOnlyList<RepoRunView> Repos, IReadOnlyList<string>? Problems = null) : Operations.IOutcome
{
    /// <summary>Set when the plan was saved (--dry-run --save-plan) or applied from a saved plan.</summary>
    public string? PlanId { get; init; }

    /// <summary>The run waits for continue, skip or abort (or, when aborting, for abort).</summary>
    public bool Interrupted => Phase is RunPhase.Interrupted or RunPhase.Aborting;

    /// <summary>The pull requests to open (flow feature propose, and a finish whose way is "propose").</summary>
    public IReadOnlyList<Git.PullRequestLink>? PullRequests { get; init; }

    /// <summary>A saved call applied ('plan apply' of build, config set, spec archive…): that command's own result.</summary>
    public System.Text.Json.JsonElement? Output { get; init; }

    /// <summary>The applied call's own failure, where it reported one in its result.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Errors.ErrorKind? CallFailure { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Errors.ErrorKind? FailureKind => Interrupted ? Errors.ErrorKind.Git : CallFailure;

    public static RunResult FromPlan(Plan plan) => new(plan.Id, plan.Command, RunPhase.Planned,
        plan.Repos.Select(r => new RepoRunView(r.Repo, r.Steps.Select(s => new StepView(s.Op, s.Describe(), StepStatus.Planned, s.Detail)).ToList())).ToList());

    public static RunResult FromState(RunState state, RunPhase? phase = null, IReadOnlyList<string>? problems = null) => new(
        state.Plan.Id, state.Plan.Command, phase ?? state.Phase,
        state.Plan.Repos.Select(p =>
        {
            var run = state.Of(p.Repo);
            return new RepoRunView(p.Repo, p.Steps.Select((s, i) => new StepView(s.Op, s.Describe(), run.Steps[i])).ToList(), run.Error) { Hint = run.Hint };
        }).ToList(),
        problems is { Count: > 0 } ? problems : null);
}

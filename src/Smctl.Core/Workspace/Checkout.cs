using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceCheckoutInput
{
    [Description("The branch to check out in every selected repo")]
    [Argument(0, Suggest = Suggestions.BranchNames)]
    public required string Branch { get; init; }
    [Description("Create the branch from the current HEAD where it does not exist")]
    public bool Create { get; init; }
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

public sealed record WorkspaceCheckoutResult(string Branch, IReadOnlyList<RepoAction> Repos);

/// <summary>Puts the same branch in every selected repo, after checking all of them first.</summary>
public sealed class WorkspaceCheckout : IOperation<WorkspaceCheckoutInput, WorkspaceCheckoutResult>
{
    public OperationInfo Info { get; } = new("workspace.checkout",
        "Check out one branch in every selected repo; refused, listing every problem, when a repo is dirty or lacks it.",
        OperationEffect.Mutating, Idempotent: true);

    public JsonTypeInfo<WorkspaceCheckoutInput> InputJson => SmctlJson.Default.WorkspaceCheckoutInput;
    public JsonTypeInfo<WorkspaceCheckoutResult> ResultJson => SmctlJson.Default.WorkspaceCheckoutResult;

    public async Task<WorkspaceCheckoutResult> RunAsync(SmctlContext context, WorkspaceCheckoutInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var branch = BranchName.Validate(input.Branch);
        // The waiting run's continue and abort expect each repo on the branch the run left it on.
        new Plans.RunStore(ws.SmctlDir).EnsureNoInterruptedRun();
        var repos = ws.Select(input.Repos);
        var plans = RepoParallel.Map(repos, context.Jobs, repo => Plan(repo, branch, input.Create), ct);
        var problems = plans.Where(p => p.Problem is not null).ToList();
        if (problems.Count > 0)
            throw SmctlException.Git(
                $"checkout of '{branch}' refused in {problems.Count} repo(s), nothing was changed: "
                + string.Join("; ", problems.Select(p => $"{p.Repo.Name}: {p.Problem}")),
                suggestion: problems.Any(p => p.Problem!.StartsWith("has no branch", StringComparison.Ordinal))
                    ? $"pass {context.Flag("create")} to make the branch, or {context.Option("repos")} to choose repos" : $"commit or stash the changes first, or pass {context.Option("repos")}");
        if (context.DryRun)
            return new WorkspaceCheckoutResult(branch, plans.Select(p => new RepoAction(p.Repo.Name, p.Repo.Path, "would-" + p.Action)).ToList());

        var done = await RepoParallel.MapAsync(plans, context.Jobs, async (plan, token) =>
        {
            if (plan.Action == "already") return new RepoAction(plan.Repo.Name, plan.Repo.Path, "already");
            string[] args = plan.Action == "create" ? ["switch", "--quiet", "-c", branch] : ["switch", "--quiet", branch];
            var run = await context.Git.RunAsync(plan.Repo.FullPath, args, token).ConfigureAwait(false);
            return run.Ok ? new RepoAction(plan.Repo.Name, plan.Repo.Path, plan.Action == "create" ? "created" : "switched")
                : new RepoAction(plan.Repo.Name, plan.Repo.Path, "failed", GitRunner.ErrorLine(run.Stderr));
        }, ct).ConfigureAwait(false);
        var failed = done.Where(d => d.Action == "failed").ToList();
        if (failed.Count > 0)
            throw SmctlException.Git($"checkout of '{branch}' failed in {string.Join(", ", failed.Select(f => $"{f.Name} ({f.Error})"))}; "
                + $"switched: {string.Join(", ", done.Where(d => d.Action != "failed").Select(d => d.Name))}");
        return new WorkspaceCheckoutResult(branch, done);
    }

    private sealed record CheckoutPlan(RepoEntry Repo, string Action, string? Problem);

    private static CheckoutPlan Plan(RepoEntry repo, string branch, bool create)
    {
        var s = RepoReader.Status(repo.Name, repo.FullPath);
        if (s.Missing) return new(repo, "", "not on disk");
        if (s.Error is not null) return new(repo, "", s.Error);
        if (s.Operation is not null) return new(repo, "", $"a {s.Operation} is in progress");
        if (StaleLocks.BlockingWorkTree(repo.FullPath) is { } locked) return new(repo, "", locked);
        if (s.Branch == branch) return new(repo, "already", null);
        if (s.HasTrackedChanges) return new(repo, "", $"has uncommitted changes ({s.Staged} staged, {s.Modified} modified, {s.Conflicted} conflicted)");
        var (local, remote) = RepoReader.BranchExists(repo.FullPath, branch);
        if (local || remote) return new(repo, "switch", null);
        return create ? new(repo, "create", null) : new(repo, "", $"has no branch '{branch}'");
    }
}

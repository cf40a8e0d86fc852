namespace Smctl.Core.Plans;

/// <summary>The shape every multi-repo command shares: lock, refuse while a run is interrupted, plan (validating), then run or show.</summary>
public static class RunCommand
{
    public static async Task<RunResult> PlanAndRunAsync(SmctlContext context, string command,
        Func<Workspace.Shared.Workspace, CancellationToken, Task<Plan>> plan, CancellationToken ct)
    {
        try
        {
            return await PlanAndRunOnceAsync(context, command, plan, ct).ConfigureAwait(false);
        }
        finally
        {
            context.CloseHandles();
        }
    }

    private static async Task<RunResult> PlanAndRunOnceAsync(SmctlContext context, string command,
        Func<Workspace.Shared.Workspace, CancellationToken, Task<Plan>> plan, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var store = new RunStore(ws.SmctlDir);
        if (context.DryRun)
        {
            store.EnsureNoInterruptedRun();
            var planned = await plan(ws, ct).ConfigureAwait(false);
            var result = RunResult.FromPlan(planned);
            return context.SavePlan ? result with { PlanId = await Operations.DryRun.SavingPlanAsync(() => new SavedPlans(ws.SmctlDir).SaveAsync(context, ws, planned, ct)).ConfigureAwait(false) } : result;
        }
        using var held = store.Lock(command);
        store.EnsureNoInterruptedRun();
        var program = await plan(ws, ct).ConfigureAwait(false);
        var state = await RunExecutor.StartAsync(context, ws, store, program, ct).ConfigureAwait(false);
        return RunResult.FromState(state);
    }
}

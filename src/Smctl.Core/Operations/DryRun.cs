using Smctl.Core.Errors;

namespace Smctl.Core.Operations;

/// <summary>
/// A dry run cannot act. While an operation runs with dryRun, the doors through which smctl changes the world
/// refuse: every process it would start (git, except commands that only read; build and exec commands) and every
/// file written through <see cref="IO.AtomicFile"/>. Multi-repo commands never reach those doors in a dry run
/// anyway (they return their plan before the engine runs it); for the others this is what keeps a forgotten
/// check from acting. Held per async flow, so concurrent MCP calls do not see each other's.
/// </summary>
public static class DryRun
{
    private static readonly AsyncLocal<bool> Active = new();
    private static readonly AsyncLocal<bool> Allowed = new();

    /// <summary>Runs an operation; with <c>context.DryRun</c>, inside the guard.</summary>
    public static async Task<TOut> InvokeAsync<TIn, TOut>(this IOperation<TIn, TOut> op, SmctlContext context, TIn input, CancellationToken ct)
    {
        // An async method's changes to an AsyncLocal end with it: the caller's flow is untouched afterwards.
        if (context.DryRun) Active.Value = true;
        return await op.RunAsync(context, input, ct).ConfigureAwait(false);
    }

    /// <summary>The one write a dry run makes on request: the plan it was asked to save.</summary>
    public static async Task<T> SavingPlanAsync<T>(Func<Task<T>> save)
    {
        Allowed.Value = true;
        return await save().ConfigureAwait(false);
    }

    /// <summary>The same, for a write that is not async: the permission is taken back after it (a sync change would outlive the call).</summary>
    public static void SavingPlan(Action save)
    {
        var was = Allowed.Value;
        Allowed.Value = true;
        try { save(); }
        finally { Allowed.Value = was; }
    }

    /// <summary>Throws when a dry run reaches a change; <paramref name="what"/> says which.</summary>
    public static void Refuse(string what)
    {
        if (Active.Value && !Allowed.Value)
            throw new SmctlException(ErrorKind.General, $"internal error: the dry run reached a change ({what}) and was stopped before it; nothing was changed.",
                "please report this; the command without --dry-run is not affected");
    }

    /// <summary>Git commands that only read (or write nothing but unreferenced objects, as merge-tree and commit-tree do).</summary>
    public static bool ReadsOnly(IReadOnlyList<string> gitArgs)
    {
        var i = 0;
        // Skip "-C dir" and "-c key=value" before the subcommand.
        while (i + 1 < gitArgs.Count && gitArgs[i] is "-C" or "-c") i += 2;
        if (i >= gitArgs.Count) return true;
        return gitArgs[i] switch
        {
            "rev-parse" or "rev-list" or "log" or "show" or "diff" or "status" or "cat-file" or "merge-base" or "merge-tree" or "commit-tree"
                or "for-each-ref" or "show-ref" or "ls-remote" or "ls-files" or "ls-tree" or "grep" or "shortlog" or "blame" or "cherry" or "describe" or "check-ref-format" or "name-rev" or "var" or "--version" => true,
            "config" => gitArgs.Skip(i + 1).Any(a => a is "--get" or "--get-all" or "--get-regexp" or "--list" or "-l"),
            "worktree" or "branch" or "tag" or "stash" => gitArgs.Skip(i + 1).FirstOrDefault() is "list" or "--list" or "-l",
            "remote" => gitArgs.Skip(i + 1).FirstOrDefault() is null or "-v" or "get-url" or "show",
            _ => false,
        };
    }
}

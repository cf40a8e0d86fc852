using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Workspace;

namespace Smctl.Cli.Commands.Workspace;

public static class StatusCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.WorkspaceStatus, "status", Render).WithExamples(
                "smctl workspace status",
                "smctl workspace status --repos api,web",
                "smctl workspace status --json | jq '.repos[] | select(.dirty)'");
    }

    public static void Render(WorkspaceStatusResult result, Ui ui)
    {
        if (result.WorktreeSet is { } set) ui.Info($"worktree set {set} (its worktrees, not the main checkouts):");
        ui.Table(["repo", "branch", "upstream", "changes", "state"], result.Repos.Select(r => (IReadOnlyList<string>)
            [Escape(r.Name), BranchText(r), UpstreamText(r), ChangesText(r), StateText(r)]));
        var dirty = result.Repos.Count(r => r.Dirty);
        var behind = result.Repos.Count(r => r.Behind > 0);
        var broken = result.Repos.Count(r => r.Missing || r.Error is not null);
        ui.Info($"{result.Repos.Count} repos: {dirty} with changes, {behind} behind upstream{(broken > 0 ? $", {broken} missing or unreadable" : "")}");
    }

    private static string Escape(string s) => Spectre.Console.Markup.Escape(s);

    private static string BranchText(RepoStatus r) =>
        r.Missing || r.Error is not null ? "" :
        r.Detached ? $"[yellow](detached {r.Head?[..7]})[/]" :
        r.Unborn ? $"{Escape(r.Branch ?? "")} (no commits)" : Escape(r.Branch ?? "");

    private static string UpstreamText(RepoStatus r)
    {
        if (r.Upstream is null) return r.Missing || r.Error is not null || r.Detached ? "" : "[grey](none)[/]";
        if (r.UpstreamGone) return $"{Escape(r.Upstream)} [red]gone[/]";
        var ab = (r.Ahead, r.Behind) switch
        {
            (0, 0) => "[green]=[/]",
            var (a, b) => string.Join(' ', new[] { a > 0 ? $"[cyan]↑{a}[/]" : null, b > 0 ? $"[yellow]↓{b}[/]" : null }.OfType<string>()),
        };
        return $"{Escape(r.Upstream)} {ab}";
    }

    private static string ChangesText(RepoStatus r)
    {
        if (!r.Dirty) return r.Missing || r.Error is not null ? "" : "[green]clean[/]";
        var parts = new List<string>();
        if (r.Staged > 0) parts.Add($"[green]+{r.Staged} staged[/]");
        if (r.Modified > 0) parts.Add($"[yellow]~{r.Modified} modified[/]");
        if (r.Untracked > 0) parts.Add($"[grey]?{r.Untracked} untracked[/]");
        if (r.Conflicted > 0) parts.Add($"[red]!{r.Conflicted} conflicted[/]");
        return string.Join(' ', parts);
    }

    private static string StateText(RepoStatus r)
    {
        if (r.Missing) return "[red]missing on disk[/]";
        if (r.Error is not null) return $"[red]{Escape(r.Error)}[/]";
        var parts = new List<string>();
        if (r.Operation is not null) parts.Add($"[red]{r.Operation} in progress[/]");
        if (r.Stashes > 0) parts.Add($"{r.Stashes} stash{(r.Stashes == 1 ? "" : "es")}");
        return string.Join(", ", parts);
    }
}

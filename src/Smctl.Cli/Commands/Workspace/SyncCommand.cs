using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Workspace;
using Spectre.Console;

namespace Smctl.Cli.Commands.Workspace;

public static class SyncCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.WorkspaceSync, "sync", Render, showProgress: true).WithExamples(
                "smctl workspace sync",
                "smctl workspace sync --rebase --repos api",
                "smctl workspace sync --dry-run");
    }

    private static void Render(WorkspaceSyncResult result, Ui ui)
    {
        ui.Table(["repo", "branch", "result", "detail"], result.Repos.Select(r => (IReadOnlyList<string>)
        [
            Markup.Escape(r.Name),
            Markup.Escape(r.Branch ?? ""),
            $"[{Color(r.Action)}]{r.Action}[/]",
            Markup.Escape(Detail(r)),
        ]));
    }

    private static string Color(string action) => action switch
    {
        "fast-forwarded" or "rebased" or "up-to-date" => "green",
        "failed" or "missing" => "red",
        _ => "yellow",
    };

    private static string Detail(SyncRepoResult r) => r switch
    {
        { Error: { } e } => e,
        { Action: "fast-forwarded" or "rebased" } => $"{r.Before?[..7]}..{r.After?[..7]}",
        { Action: "diverged" } => $"{r.Ahead} ahead, {r.Behind} behind (use --rebase, or merge by hand)",
        { Action: "dirty" } => $"{r.Behind} behind; commit or stash first",
        { Action: "ahead" } => $"{r.Ahead} to push",
        _ => "",
    };
}

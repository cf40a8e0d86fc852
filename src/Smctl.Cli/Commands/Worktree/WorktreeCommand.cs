using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Operations;
using Smctl.Core.Worktree;
using Spectre.Console;

namespace Smctl.Cli.Commands.Worktree;

/// <summary>smctl worktree add | list | remove | path (cd) | prune</summary>
public static class WorktreeCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("worktree", "Linked worktrees across repos: one set per feature, release or hotfix under <base_dir>/<kind>-<name>/.");
        command.Aliases.Add("wt");
        command.Add(Add(host));
        command.Add(List(host));
        command.Add(Remove(host));
        command.Add(PathCommand(host));
        command.Add(Prune(host));
        return command.WithExamples("smctl worktree add gpu-accel --repos kernel,runtime", "cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree remove gpu-accel");
    }

    private static Option<string> KindOption(bool withDefault)
    {
        var kind = new Option<string>("--kind") { Description = "feature, release or hotfix", HelpName = "KIND" };
        if (withDefault) kind.DefaultValueFactory = _ => "feature";
        kind.AcceptOnlyFromAmong("feature", "release", "hotfix");
        return kind;
    }

    private static SmctlCommand Add(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Feature name, or release/hotfix version" };
        var kind = KindOption(withDefault: true);
        var repos = RepoOptions.Repos(host, "Only these repos (default: all)");
        var from = new Option<string?>("--from") { Description = "Branch a missing flow branch starts from (default: its base)", HelpName = "BRANCH" };
        return OperationCommand.Create(host, OperationCatalog.WorktreeAdd, "add", [name, kind, repos, from],
            p => new WorktreeAddInput { Name = p.GetValue(name)!, Kind = p.GetValue(kind)!, Repos = OperationCommand.List(p.GetValue(repos)), From = p.GetValue(from) },
            RunView.Render, showProgress: true)
            .WithExamples("smctl worktree add gpu-accel", "smctl worktree add 1.4.1 --kind hotfix --repos kernel", "smctl worktree add spike --from main");
    }

    private static SmctlCommand List(CliHost host)
    {
        var repos = RepoOptions.Repos(host);
        return OperationCommand.Create(host, OperationCatalog.WorktreeList, "list", [repos], p => new WorktreeListInput { Repos = OperationCommand.List(p.GetValue(repos)) }, Render)
            .WithExamples("smctl worktree list", "smctl worktree list --json");
    }

    private static void Render(WorktreeListResult result, Ui ui)
    {
        if (result.Sets.Count == 0)
        {
            ui.Info("no worktrees");
            return;
        }
        ui.Table(["set", "repo", "branch", "state", "path"], result.Sets.SelectMany(s => s.Worktrees.Select(w => (IReadOnlyList<string>)
        [
            Markup.Escape(s.Name),
            Markup.Escape(w.Repo),
            Markup.Escape(w.Branch ?? "(detached)"),
            w.Stale ? "[red]stale: folder deleted[/]" : (w.Dirty ? "[yellow]dirty[/]" : "[green]clean[/]") + (w.Ahead is > 0 ? $" ↑{w.Ahead}" : "") + (w.Behind is > 0 ? $" ↓{w.Behind}" : ""),
            Markup.Escape(w.Path),
        ])));
    }

    private static SmctlCommand Remove(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The set's name (feature name or version)" };
        var kind = KindOption(withDefault: false);
        var force = new Option<bool>("--force") { Description = "Remove even with uncommitted or unpushed work (asks first)" };
        var deleteBranch = new Option<bool>("--delete-branch") { Description = "Also delete each worktree's branch" };
        return OperationCommand.Create(host, OperationCatalog.WorktreeRemove, "remove", [name, kind, force, deleteBranch],
            p => new WorktreeRemoveInput { Name = p.GetValue(name)!, Kind = p.GetValue(kind), Force = p.GetValue(force), DeleteBranch = p.GetValue(deleteBranch) },
            RunView.Render).WithExamples("smctl worktree remove gpu-accel", "smctl worktree remove gpu-accel --force --delete-branch --yes");
    }

    private static SmctlCommand PathCommand(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The set's name" };
        var repo = new Argument<string?>("repo") { Description = "A repo of the set (default: the set's folder)", Arity = ArgumentArity.ZeroOrOne };
        repo.CompletionSources.Add(ctx => RepoOptions.CompleteRepoList(host, ctx));
        var kind = KindOption(withDefault: false);
        var command = OperationCommand.Create(host, OperationCatalog.WorktreePath, "path", [name, repo, kind],
            p => new WorktreePathInput { Name = p.GetValue(name)!, Repo = p.GetValue(repo), Kind = p.GetValue(kind) },
            (r, ui) => ui.Line(r.Path));
        command.Aliases.Add("cd");
        return command.WithExamples("cd \"$(smctl worktree path gpu-accel kernel)\"", "smctl worktree cd gpu-accel");
    }

    private static SmctlCommand Prune(CliHost host)
    {
        var repos = RepoOptions.Repos(host);
        return OperationCommand.Create(host, OperationCatalog.WorktreePrune, "prune", [repos], p => new WorktreePruneInput { Repos = OperationCommand.List(p.GetValue(repos)) },
            (r, ui) =>
            {
                foreach (var w in r.Pruned) ui.Line($"{w.Repo}: forgot {w.Path}");
                ui.Info($"{r.Pruned.Count} stale worktree(s) {(r.Pruned.Count == 0 ? "" : "pruned")}".Trim());
            }).WithExamples("smctl worktree prune");
    }
}

using System.CommandLine;
using Smctl.Cli.Commands.Run;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Smctl.Core.Plans;
using Spectre.Console;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow: git flow across repos.</summary>
public static class FlowCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var flow = new SmctlCommand("flow", "Git flow across repos: feature, release and hotfix branches, planned and checked in every repo before any changes; resumable.");
        flow.Add(Init(host));
        flow.Add(Kind(host, "feature", "name", OperationCatalog.FeatureStart, OperationCatalog.FeatureFinish, OperationCatalog.FeatureList));
        flow.Add(Kind(host, "release", "version", OperationCatalog.ReleaseStart, OperationCatalog.ReleaseFinish, OperationCatalog.ReleaseList));
        flow.Add(Kind(host, "hotfix", "version", OperationCatalog.HotfixStart, OperationCatalog.HotfixFinish, OperationCatalog.HotfixList));
        flow.Add(ListCommand(host, OperationCatalog.FlowBranches, "list"));
        flow.Add(RunControlCommands.Create(host, OperationCatalog.FlowStatus));
        foreach (var op in new[] { OperationCatalog.Continue, OperationCatalog.Skip, OperationCatalog.Abort, OperationCatalog.Undo })
            flow.Add(RunControlCommands.Create(host, op, alias: true));
        return flow.WithExamples(
            "smctl flow init",
            "smctl flow feature start gpu-accel --repos kernel,runtime",
            "smctl flow feature finish gpu-accel --dry-run",
            "smctl flow release start 1.4 && smctl flow release finish 1.4",
            "smctl flow hotfix start          # the next patch version");
    }

    private static SmctlCommand Init(CliHost host)
    {
        var repos = RepoOptions.Repos(host);
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch first" };
        var noPush = new Option<bool>("--no-push") { Description = "Do not push develop" };
        return OperationCommand.Create(host, OperationCatalog.FlowInit, "init", [repos, noFetch, noPush],
            p => new FlowInitInput { Repos = OperationCommand.List(p.GetValue(repos)), NoFetch = p.GetValue(noFetch), NoPush = p.GetValue(noPush) },
            RunView.Render, showProgress: true).WithExamples("smctl flow init", "smctl flow init --no-push --dry-run");
    }

    private static SmctlCommand Kind(CliHost host, string kind, string argName, FlowStart start, FlowFinish finish, FlowList list)
    {
        var command = new SmctlCommand(kind, kind switch
        {
            "feature" => "Feature branches: start from develop, finish into develop.",
            "release" => "Release branches: start from develop, finish into main (tagged) and back into develop.",
            _ => "Hotfix branches: start from main, finish into main (tagged) and back into develop.",
        });
        command.Add(Start(host, kind, argName, start));
        command.Add(Finish(host, kind, argName, finish));
        if (kind == "feature") command.Add(Update(host));
        command.Add(ListCommand(host, list, "list"));
        return command;
    }

    private static SmctlCommand Start(CliHost host, string kind, string argName, FlowStart op)
    {
        var name = new Argument<string?>(argName)
        {
            Description = kind switch
            {
                "feature" => "Feature name: lower-case letters, digits, '.', '_', '-'",
                "release" => "Version (semver; 1.4 means 1.4.0); without it, the release plan's (see 'smctl release plan')",
                _ => "Version (semver; 1.4 means 1.4.0); without it, the next patch",
            },
            Arity = kind == "feature" ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var auto = new Option<bool>("--auto") { Description = "Take the version from the release plan (the same as giving none)" };
        var repos = RepoOptions.Repos(host, "Only these repos (default: all)");
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch first (work locally)" };
        var noPush = new Option<bool>("--no-push") { Description = "Do not push the new branch" };
        var noCheckout = new Option<bool>("--no-checkout") { Description = "Create the branch without checking it out" };
        var worktree = new Option<bool>("--worktree") { Description = "Check it out in a linked worktree per repo (<base_dir>/<kind>-<name>/<repo>) instead" };
        Symbol[] symbols = kind == "release" ? [name, auto, repos, noFetch, noPush, noCheckout, worktree] : [name, repos, noFetch, noPush, noCheckout, worktree];
        return OperationCommand.Create(host, op, "start", symbols,
            p => new FlowStartInput
            {
                Name = p.GetValue(auto) && p.GetValue(name) is { } given
                    ? throw Core.Errors.SmctlException.Usage($"--auto takes the version from the release plan: give either it or {given}, not both")
                    : p.GetValue(name),
                Repos = OperationCommand.List(p.GetValue(repos)),
                NoFetch = p.GetValue(noFetch),
                NoPush = p.GetValue(noPush),
                NoCheckout = p.GetValue(noCheckout),
                Worktree = p.GetValue(worktree),
            },
            RunView.Render, showProgress: true).WithExamples(kind switch
            {
                "feature" => ["smctl flow feature start gpu-accel", "smctl flow feature start gpu-accel --repos kernel,runtime --no-push"],
                "release" => ["smctl flow release start 1.4.0", "smctl flow release start --auto --dry-run   # the version the commits call for"],
                _ => ["smctl flow hotfix start", "smctl flow hotfix start 1.4.1"],
            });
    }

    private static SmctlCommand Finish(CliHost host, string kind, string argName, FlowFinish op)
    {
        var name = new Argument<string>(argName) { Description = kind == "feature" ? "Feature name" : "Version" };
        var repos = RepoOptions.Repos(host, "Only these of the repos that have the branch");
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch first (work locally)" };
        var noPush = new Option<bool>("--no-push") { Description = "Do not push or delete anything on the remote" };
        var keep = new Option<bool>("--keep") { Description = "Keep the branch after merging (also gitflow.<kind>.finish.keep)" };
        var squash = new Option<bool>("--squash") { Description = "One squashed commit instead of a merge commit (also gitflow.<kind>.finish.squash)" };
        var message = new Option<string?>("--tag-message", "-m") { Description = "Message of the release tag", HelpName = "TEXT" };
        var noChangelog = new Option<bool>("--no-changelog") { Description = "Do not commit a CHANGELOG.md section and version fields before merging" };
        var symbols = new List<Symbol> { name, repos, noFetch, noPush, keep, squash };
        if (kind != "feature") symbols.Add(message);
        if (kind == "release") symbols.Add(noChangelog);
        return OperationCommand.Create(host, op, "finish", symbols,
            p => new FlowFinishInput
            {
                Name = p.GetValue(name)!,
                Repos = OperationCommand.List(p.GetValue(repos)),
                NoFetch = p.GetValue(noFetch),
                NoPush = p.GetValue(noPush),
                Keep = p.GetValue(keep),
                Squash = p.GetValue(squash),
                TagMessage = kind == "feature" ? null : p.GetValue(message),
                NoChangelog = kind == "release" && p.GetValue(noChangelog),
            },
            RunView.Render, showProgress: true).WithExamples(kind switch
            {
                "feature" => ["smctl flow feature finish gpu-accel", "smctl flow feature finish gpu-accel --dry-run", "smctl flow feature finish gpu-accel --keep --no-push"],
                "release" => ["smctl flow release finish 1.4.0 --dry-run   # the changelog and version diffs, merges, tag", "smctl flow release finish 1.4.0 -m 'Spring release'"],
                _ => ["smctl flow hotfix finish 1.4.1"],
            });
    }

    private static SmctlCommand Update(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Feature name" };
        var repos = RepoOptions.Repos(host, "Only these of the repos that have the branch");
        var rebase = new Option<bool>("--rebase") { Description = "Rebase the feature onto develop (pushed with --force-with-lease) instead of merging" };
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch first (work locally)" };
        var noPush = new Option<bool>("--no-push") { Description = "Do not push the updated branch" };
        return OperationCommand.Create(host, OperationCatalog.FeatureUpdate, "update", [name, repos, rebase, noFetch, noPush],
            p => new FlowUpdateInput
            {
                Name = p.GetValue(name)!,
                Repos = OperationCommand.List(p.GetValue(repos)),
                Rebase = p.GetValue(rebase),
                NoFetch = p.GetValue(noFetch),
                NoPush = p.GetValue(noPush),
            },
            RunView.Render, showProgress: true)
            .WithExamples("smctl flow feature update gpu-accel", "smctl flow feature update gpu-accel --rebase");
    }

    private static SmctlCommand ListCommand(CliHost host, FlowList op, string name)
    {
        var repos = RepoOptions.Repos(host);
        return OperationCommand.Create(host, op, name, [repos], p => new FlowListInput { Repos = OperationCommand.List(p.GetValue(repos)) }, RenderList)
            .WithExamples("smctl flow list", "smctl flow feature list --json");
    }

    private static void RenderList(FlowListResult result, Ui ui)
    {
        if (result.Branches.Count == 0)
        {
            ui.Info("no flow branches");
            return;
        }
        ui.Table(["branch", "repos", "vs base"], result.Branches.Select(b => (IReadOnlyList<string>)
        [
            Markup.Escape(b.Branch),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Repo + (r.Local ? "" : " (remote only)")))),
            Markup.Escape(string.Join(", ", b.Repos.Select(r => r.Ahead is null ? $"{r.Repo}: no {b.Base}" : $"{r.Repo}: +{r.Ahead} -{r.Behind}"))),
        ]));
    }
}

using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.IO;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Demo;

/// <summary>What <c>smctl demo</c> made.</summary>
public sealed record SampleWorkspaceResult(string Root, string Workspace, string Remotes, IReadOnlyList<string> Repos);

/// <summary>
/// Builds a self-contained sample workspace: three small repos with real history, local bare remotes as
/// origin, develop branches, build/test commands, dependencies and an openspec/ folder. No network.
/// </summary>
public static class SampleWorkspace
{
    private sealed record SampleRepo(string Name, string[] DependsOn, bool Home, string Summary);

    private static readonly SampleRepo[] Repos =
    [
        new("kernel", [], false, "the unikernel that runs inference"),
        new("runtime", ["kernel"], false, "the model runtime on top of the kernel"),
        new("gateway", ["runtime"], true, "the gateway that routes requests to models"),
    ];

    public static async Task<SampleWorkspaceResult> CreateAsync(string dir, Action<ProgressEvent> progress, CancellationToken ct)
    {
        var root = Path.GetFullPath(dir);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw SmctlException.Usage($"{root} exists and is not empty.", "give a new folder: smctl demo /tmp/smctl-demo-2");
        var remotes = Path.Combine(root, "remotes");
        var ws = Path.Combine(root, "workspace");
        Directory.CreateDirectory(remotes);
        Directory.CreateDirectory(ws);
        var clock = 1_700_000_000L;
        var git = new GitRunner
        {
            Environment = new Dictionary<string, string>
            {
                ["GIT_AUTHOR_NAME"] = "smctl demo", ["GIT_AUTHOR_EMAIL"] = "demo@smctl.invalid",
                ["GIT_COMMITTER_NAME"] = "smctl demo", ["GIT_COMMITTER_EMAIL"] = "demo@smctl.invalid",
                ["GIT_CONFIG_NOSYSTEM"] = "1",
            },
        };

        foreach (var repo in Repos)
        {
            progress(new ProgressEvent(repo.Name, "creating"));
            var bare = Path.Combine(remotes, repo.Name + ".git");
            var work = Path.Combine(ws, repo.Name);
            await git.RunCheckedAsync(null, ["init", "--quiet", "--bare", "--initial-branch=main", bare], repo.Name, ct);
            await git.RunCheckedAsync(null, ["clone", "--quiet", bare, work], repo.Name, ct);
            await git.RunCheckedAsync(work, ["checkout", "--quiet", "-B", "main"], repo.Name, ct);

            await CommitAsync(work, "Initial commit", new()
            {
                ["README.md"] = $"# {repo.Name}\n\n{Capitalize(repo.Summary)}.\n",
                [".gitignore"] = "build/\n",
            });
            await CommitAsync(work, "Add build and test scripts", new()
            {
                ["build.sh"] = $"#!/bin/sh\nset -e\nmkdir -p build\necho \"{repo.Name} built from $(git rev-parse --short HEAD 2>/dev/null || echo unknown)\" > build/{repo.Name}.txt\necho \"built {repo.Name}\"\n",
                ["test.sh"] = $"#!/bin/sh\nset -e\ntest -f build/{repo.Name}.txt || {{ echo 'run the build first' >&2; exit 1; }}\necho \"tests of {repo.Name} passed\"\n",
            });
            if (repo.Home)
            {
                await CommitAsync(work, "Add OpenSpec specs", new()
                {
                    ["openspec/project.md"] = "# Project context\n\nThe gateway fronts model servers and routes inference requests.\n",
                    ["openspec/specs/routing/spec.md"] = RoutingSpec,
                    ["openspec/changes/.gitkeep"] = "",
                });
            }
            await git.RunCheckedAsync(work, ["push", "--quiet", "-u", "origin", "main"], repo.Name, ct);
            await git.RunCheckedAsync(work, ["checkout", "--quiet", "-b", "develop"], repo.Name, ct);
            await CommitAsync(work, $"Describe {repo.Name} in more detail", new()
            {
                ["docs/overview.md"] = $"# {repo.Name}\n\n{Capitalize(repo.Summary)}. Depends on: {(repo.DependsOn.Length == 0 ? "nothing" : string.Join(", ", repo.DependsOn))}.\n",
            });
            await git.RunCheckedAsync(work, ["push", "--quiet", "-u", "origin", "develop"], repo.Name, ct);
            progress(new ProgressEvent(repo.Name, "created", Finished: true));
        }

        // Something to see: a teammate's commit waiting on the remote, and a local edit in progress.
        var teammate = Path.Combine(root, ".teammate");
        await git.RunCheckedAsync(null, ["clone", "--quiet", "--branch", "develop", Path.Combine(remotes, "runtime.git"), teammate], "runtime", ct);
        await CommitAsync(teammate, "Tune the runtime's thread pool", new() { ["docs/tuning.md"] = "# Tuning\n\nUse one worker per core.\n" });
        await git.RunCheckedAsync(teammate, ["push", "--quiet", "origin", "develop"], "runtime", ct);
        Directory.Delete(teammate, recursive: true);
        await git.RunCheckedAsync(Path.Combine(ws, "runtime"), ["fetch", "--quiet"], "runtime", ct);
        await File.AppendAllTextAsync(Path.Combine(ws, "kernel", "README.md"), "\nWork in progress: a faster scheduler.\n", ct);

        var smctlDir = Path.Combine(ws, SmctlLayout.FolderName);
        Directory.CreateDirectory(smctlDir);
        Workspace.Shared.Workspace.EnsureGitignore(smctlDir);
        var manifest = ManifestText.NewManifest("demo");
        foreach (var repo in Repos)
        {
            manifest += ManifestText.RepoEntry(repo.Name, "file://" + Path.Combine(remotes, repo.Name + ".git"), repo.Name, "develop",
                repo.DependsOn, "sh build.sh", "sh test.sh");
            if (repo.Home) manifest += "smctl_home = true\n";
        }
        manifest += "\n[flow]\nmain_branch = \"main\"\ndevelop_branch = \"develop\"\n\n[spec]\nopenspec_dir = \"gateway/openspec\"\n";
        AtomicFile.WriteAllText(Path.Combine(smctlDir, SmctlLayout.ManifestName), manifest);
        return new SampleWorkspaceResult(root, ws, remotes, Repos.Select(r => r.Name).ToList());

        async Task CommitAsync(string work, string message, Dictionary<string, string> files)
        {
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(work, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, content, ct);
            }
            clock += 3600;
            var date = $"@{clock} +0000";
            var env = new Dictionary<string, string>(git.Environment) { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
            var dated = new GitRunner { Environment = env };
            await dated.RunCheckedAsync(work, ["add", "--all"], null, ct);
            await dated.RunCheckedAsync(work, ["commit", "--quiet", "-m", message], null, ct);
        }
    }

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private const string RoutingSpec = """
        # routing Specification

        ## Purpose
        Decide which model server answers an inference request.

        ## Requirements
        ### Requirement: Route by model name
        The gateway SHALL send a request for a model to the endpoint its route names.

        #### Scenario: A routed model
        - **WHEN** a request names a model that has a route
        - **THEN** the gateway forwards it to that route's endpoint

        """;
}

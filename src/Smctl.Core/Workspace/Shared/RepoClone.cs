using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Workspace.Shared;

/// <summary>Clones into a hidden sibling folder and moves it into place only when git succeeded, so a failed clone leaves nothing behind.</summary>
public static class RepoClone
{
    public static async Task CloneAsync(GitRunner git, string name, string url, string target, string? branch, Action<ProgressEvent> progress, CancellationToken ct)
    {
        if (url.StartsWith('-')) throw SmctlException.Usage($"url '{url}' is not a repository address.");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw SmctlException.Git($"cannot clone {name}: {target} exists and is not empty", name, "remove the folder or choose another --path");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var scratchPrefix = $".{Path.GetFileName(target)}.smctl-clone-";
        IO.Leftovers.Sweep(parent, scratchPrefix);
        var temp = Path.Combine(parent, IO.Leftovers.Name(scratchPrefix));
        var args = new List<string> { "clone", "--progress" };
        if (branch is not null) { args.Add("--branch"); args.Add(branch); }
        args.AddRange(["--", url, temp]);
        progress(new ProgressEvent(name, "cloning"));
        try
        {
            var result = await git.RunAsync(null, args, ct).ConfigureAwait(false);
            if (!result.Ok)
                throw SmctlException.Git($"cloning {name} from {Redact.Url(url)} failed: {GitRunner.ErrorLine(result.Stderr) ?? $"exit code {result.ExitCode}"}", name,
                    "check the url and your access to it");
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(temp, target);
            progress(new ProgressEvent(name, "cloned", Finished: true));
        }
        catch (Exception e)
        {
            progress(new ProgressEvent(name, "failed", Finished: true, Failed: true, Detail: e.Message));
            throw;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}

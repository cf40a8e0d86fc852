using System.CommandLine.Completions;
using Smctl.Core;
using Smctl.Core.Branches;
using Smctl.Core.Git;

namespace Smctl.Cli.Commands.Completions;

/// <summary>Names a value can take, read from the workspace for completion: branches, features, versions, change ids.</summary>
public static class WorkspaceNames
{
    public static IEnumerable<CompletionItem> Features(CliHost host) => Under(host, m => m.FeaturePrefix);

    public static IEnumerable<CompletionItem> Versions(CliHost host) => Under(host, m => m.ReleasePrefix).Concat(Under(host, m => m.HotfixPrefix)).DistinctBy(i => i.Label);

    public static IEnumerable<CompletionItem> Branches(CliHost host) =>
        Quietly(host, context => AllBranches(context).Order(StringComparer.Ordinal).Select(b => new CompletionItem(b)));

    public static IEnumerable<CompletionItem> ChangeIds(CliHost host) => Quietly(host, context =>
        Core.Spec.Shared.SpecRoots.Require(context, context.RequireWorkspace())
            .Where(root => Directory.Exists(root.ChangesDir))
            .SelectMany(root => Directory.EnumerateDirectories(root.ChangesDir).Select(Path.GetFileName).OfType<string>())
            .Where(id => id != "archive").Distinct().Order(StringComparer.Ordinal).Select(id => new CompletionItem(id)));

    private static IEnumerable<CompletionItem> Under(CliHost host, Func<FlowModel, string> prefix) => Quietly(host, context =>
    {
        var start = prefix(FlowModel.From(context.Settings));
        return AllBranches(context).Where(b => b.StartsWith(start, StringComparison.Ordinal) && b.Length > start.Length)
            .Select(b => b[start.Length..]).Distinct().Order(StringComparer.Ordinal).Select(n => new CompletionItem(n));
    });

    /// <summary>Local and remote-tracking branches of every repo on disk (origin/ taken off), read in-process.</summary>
    private static IEnumerable<string> AllBranches(SmctlContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repo in context.RequireWorkspace().Repos.Where(r => Directory.Exists(r.FullPath) && RepoReader.IsRepository(r.FullPath)))
        {
            using var handle = new LibGit2Sharp.Repository(repo.FullPath);
            var (refs, _, _) = RepoReader.AllRefs(handle, GitRefs.DefaultRemote);
            var remote = GitRefs.RemotePrefix(GitRefs.DefaultRemote);
            foreach (var name in refs.Keys)
            {
                if (name.StartsWith(GitRefs.Heads, StringComparison.Ordinal)) names.Add(name[GitRefs.Heads.Length..]);
                else if (name.StartsWith(remote, StringComparison.Ordinal) && !name.EndsWith("/HEAD", StringComparison.Ordinal)) names.Add(name[remote.Length..]);
            }
        }
        return names;
    }

    /// <summary>Completion never fails loudly: outside a workspace, or with a broken manifest, it offers nothing.</summary>
    private static IEnumerable<CompletionItem> Quietly(CliHost host, Func<SmctlContext, IEnumerable<CompletionItem>> read)
    {
        try
        {
            var context = new SmctlContext { CurrentDirectory = host.CurrentDirectory, GetEnvironment = host.GetEnvironment, WorkspacePath = host.GetEnvironment("SMCTL_WORKSPACE") };
            return [.. read(context)];
        }
        catch (Exception)
        {
            return [];
        }
    }
}

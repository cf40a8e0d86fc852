using System.CommandLine.Completions;
using Smctl.Core.Toml;

namespace Smctl.Cli.Commands.Shared;

/// <summary>Completion of the workspace's repo names (for --repos and every other field that names repos).</summary>
public static class RepoOptions
{
    /// <summary>Repo names for completion: for "a,b,c" the last item is completed and the rest kept.</summary>
    public static IEnumerable<CompletionItem> CompleteRepoList(CliHost host, CompletionContext ctx)
    {
        var word = ctx.WordToComplete ?? "";
        var cut = word.LastIndexOf(',');
        var prefix = cut >= 0 ? word[..(cut + 1)] : "";
        var partial = cut >= 0 ? word[(cut + 1)..] : word;
        return RepoNames(host).Where(n => n.StartsWith(partial, StringComparison.Ordinal)).Select(n => new CompletionItem(prefix + n));
    }

    public static IEnumerable<string> RepoNames(CliHost host)
    {
        try
        {
            var manifest = Smctl.Core.Workspace.Shared.Workspace.Locate(host.GetEnvironment("SMCTL_WORKSPACE"), host.CurrentDirectory);
            if (manifest is null) return [];
            return TomlFile.Load(manifest).Entries().Where(e => e.Table == "repos" && e.Key == "name").Select(e => e.Value as string).OfType<string>().ToList();
        }
        catch (Exception)
        {
            // Completion must never fail loudly: a broken manifest simply completes nothing.
            return [];
        }
    }
}

using Smctl.Core.Git;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Git;

/// <summary>The one line smctl shows of a git failure: where git lists files under its message, they are in it.</summary>
public sealed class GitErrorLineTests
{
    [Fact]
    public async Task A_merge_refused_for_local_changes_names_the_files()
    {
        using var dir = new TempDir();
        var repo = dir.Path;
        Testing.Git.Run(repo, "init", "-q");
        Testing.Git.Commit(repo, "f.txt", "a", "first");
        Testing.Git.Run(repo, "switch", "-q", "-c", "other");
        Testing.Git.Commit(repo, "f.txt", "b", "second");
        Testing.Git.Run(repo, "switch", "-q", "-");
        File.WriteAllText(Path.Combine(repo, "f.txt"), "local edit");

        var merge = await new GitRunner().RunAsync(repo, ["merge", "--no-ff", "-m", "m", "other"], TestContext.Current.CancellationToken);

        Assert.False(merge.Ok);
        Assert.Equal("error: Your local changes to the following files would be overwritten by merge: f.txt", GitRunner.ErrorLine(merge.Stderr));
    }
}

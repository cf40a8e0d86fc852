using CsCheck;
using Smctl.Core.Git;
using Xunit;

namespace Smctl.Tests.Git;

public sealed class BranchNameTests
{
    [Theory]
    [InlineData("feature/login", true)]
    [InlineData("release/1.2.0", true)]
    [InlineData("-rf", false)]
    [InlineData("a..b", false)]
    [InlineData("a b", false)]
    [InlineData("x.lock", false)]
    [InlineData("a/.hidden", false)]
    [InlineData("end.", false)]
    [InlineData("a@{1}", false)]
    [InlineData("@", false)]
    [InlineData("a//b", false)]
    [InlineData("back\\slash", false)]
    public void Known_names(string name, bool valid) => Assert.Equal(valid, BranchName.Problem(name) is null);

    /// <summary>Our in-process verdict equals git's own on random names built from the characters that matter.</summary>
    [Fact]
    public void Agrees_with_git_check_ref_format()
    {
        var chars = Gen.Char["ab1-./@{}~^: *?[\\lock"];
        Gen.String[chars, 1, 8].Sample(name =>
        {
            // The plain ref rules; "--branch" would expand "@" and "@{-1}" against a repo instead.
            var git = Testing.Git.TryRun(Path.GetTempPath(), "check-ref-format", "refs/heads/" + name).Code == 0;
            // git allows a branch named "-x", "HEAD" or "@"; smctl refuses them on purpose (options, ambiguity with HEAD).
            var expected = git && !name.StartsWith('-') && name is not ("HEAD" or "@");
            Assert.True(expected == (BranchName.Problem(name) is null), $"'{name}': git says {git}, smctl says {BranchName.Problem(name) ?? "valid"}");
        }, iter: 300, threads: 1);
    }
}

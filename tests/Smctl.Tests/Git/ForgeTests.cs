using Smctl.Core.Git;
using Xunit;

namespace Smctl.Tests.Git;

public sealed class ForgeTests
{
    [Theory]
    [InlineData("git@github.com:acme/app.git", "https://github.com/acme/app/compare/develop...feature/x?expand=1")]
    [InlineData("https://github.com/acme/app", "https://github.com/acme/app/compare/develop...feature/x?expand=1")]
    [InlineData("https://gitlab.com/group/sub/app.git",
        "https://gitlab.com/group/sub/app/-/merge_requests/new?merge_request%5Bsource_branch%5D=feature%2Fx&merge_request%5Btarget_branch%5D=develop")]
    [InlineData("ssh://git@gitlab.example.com:2222/team/app.git",
        "https://gitlab.example.com/team/app/-/merge_requests/new?merge_request%5Bsource_branch%5D=feature%2Fx&merge_request%5Btarget_branch%5D=develop")]
    [InlineData("git@bitbucket.org:acme/app.git", "https://bitbucket.org/acme/app/pull-requests/new?source=feature%2Fx&dest=develop")]
    [InlineData("https://codeberg.org/acme/app.git", "https://codeberg.org/acme/app/compare/develop...feature/x")]
    [InlineData("https://gitea.example.org/acme/app", "https://gitea.example.org/acme/app/compare/develop...feature/x")]
    public void The_pull_request_page_of_each_forge(string remote, string expected) =>
        Assert.Equal(expected, Forge.Of(remote)!.NewPullRequestUrl("feature/x", "develop"));

    [Theory]
    [InlineData("file:///tmp/remotes/app.git")]
    [InlineData("/srv/git/app.git")]
    [InlineData("https://git.example.com/acme/app.git")]
    [InlineData("https://github.com/justowner")]
    public void A_remote_on_no_known_forge_has_no_pages(string remote) => Assert.Null(Forge.Of(remote));
}

using System.Text.RegularExpressions;

namespace Smctl.Core.Git;

/// <summary>A pull (merge) request to open: the branch, where it goes, and the forge's page that opens it (null on an unknown forge).</summary>
public sealed record PullRequestLink(string Repo, string Branch, string Target, string? Url);

public enum ForgeKind
{
    GitHub,
    GitLab,
    Bitbucket,
    /// <summary>Gitea and Forgejo (Codeberg among them): the same URL forms.</summary>
    Gitea,
}

/// <summary>
/// The web pages of a repo on its forge, read from its remote url (https, ssh or scp-like): the repo's page, a
/// commit, a comparison, and the form that opens a pull (merge) request. Self-hosted GitLab, Gitea and Forgejo are
/// recognised by their host's name; a host that names no forge has no pages.
/// </summary>
public sealed partial record Forge(ForgeKind Kind, string PageUrl)
{
    [GeneratedRegex(@"^(?:https?://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|[^@/:]+@)(?<host>[A-Za-z0-9.-]+)(?::\d+)?[:/](?<path>[^\s?#]+?)(?:\.git)?/?$")]
    private static partial Regex RemotePattern();

    public static Forge? Of(string? remote)
    {
        if (remote is null) return null;
        var match = RemotePattern().Match(remote);
        if (!match.Success) return null;
        var host = match.Groups["host"].Value.ToLowerInvariant();
        var path = match.Groups["path"].Value.TrimStart('/');
        ForgeKind? kind = host switch
        {
            "github.com" => ForgeKind.GitHub,
            "bitbucket.org" => ForgeKind.Bitbucket,
            "codeberg.org" => ForgeKind.Gitea,
            _ when host.Contains("gitlab", StringComparison.Ordinal) => ForgeKind.GitLab,
            _ when host.Contains("gitea", StringComparison.Ordinal) || host.Contains("forgejo", StringComparison.Ordinal) => ForgeKind.Gitea,
            _ when host.Contains("github", StringComparison.Ordinal) => ForgeKind.GitHub,
            _ => null,
        };
        return kind is { } k && path.Contains('/') ? new Forge(k, $"https://{host}/{path}") : null;
    }

    public string CommitUrl(string sha) => Kind switch
    {
        ForgeKind.Bitbucket => $"{PageUrl}/commits/{sha}",
        ForgeKind.GitLab => $"{PageUrl}/-/commit/{sha}",
        _ => $"{PageUrl}/commit/{sha}",
    };

    public string CompareUrl(string from, string to) => Kind switch
    {
        ForgeKind.GitLab => $"{PageUrl}/-/compare/{from}...{to}",
        ForgeKind.Bitbucket => $"{PageUrl}/branches/compare/{Uri.EscapeDataString(to)}%0D{Uri.EscapeDataString(from)}",
        _ => $"{PageUrl}/compare/{from}...{to}",
    };

    /// <summary>The page that opens a pull (merge) request from <paramref name="branch"/> into <paramref name="target"/>, filled in.</summary>
    public string NewPullRequestUrl(string branch, string target) => Kind switch
    {
        ForgeKind.GitHub => $"{PageUrl}/compare/{target}...{branch}?expand=1",
        ForgeKind.GitLab => $"{PageUrl}/-/merge_requests/new?merge_request%5Bsource_branch%5D={Uri.EscapeDataString(branch)}&merge_request%5Btarget_branch%5D={Uri.EscapeDataString(target)}",
        ForgeKind.Bitbucket => $"{PageUrl}/pull-requests/new?source={Uri.EscapeDataString(branch)}&dest={Uri.EscapeDataString(target)}",
        _ => $"{PageUrl}/compare/{target}...{branch}",
    };
}

namespace Smctl.Core.Git;

/// <summary>Git's ref namespaces and the remote smctl works with, named in one place.</summary>
public static class GitRefs
{
    /// <summary>The remote smctl fetches from and pushes to.</summary>
    public const string DefaultRemote = "origin";

    public const string Heads = "refs/heads/";
    public const string Tags = "refs/tags/";
    public const string Remotes = "refs/remotes/";

    public static string Branch(string name) => Heads + name;

    public static string Tag(string name) => Tags + name;

    /// <summary>Where a remote's branches are tracked: refs/remotes/&lt;remote&gt;/.</summary>
    public static string RemotePrefix(string remote) => $"{Remotes}{remote}/";

    public static string RemoteBranch(string remote, string name) => RemotePrefix(remote) + name;

    /// <summary>A refspec that pushes the local branch to the remote's branch of the same name.</summary>
    public static string SameBranch(string name) => $"{Branch(name)}:{Branch(name)}";
}

using System.Runtime.CompilerServices;

namespace Smctl.Tests.Testing;

/// <summary>Seals every git process the tests start from the machine's own git configuration.</summary>
public static class TestEnvironment
{
    public static string Root { get; private set; } = "";

    /// <summary>The checkout the tests were built from (where Smctl.slnx is).</summary>
    public static string RepoRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Smctl.slnx"))) return dir;
        throw new InvalidOperationException("Smctl.slnx not found above " + AppContext.BaseDirectory);
    }

    [ModuleInitializer]
    public static void Init()
    {
        Root = Path.Combine(Path.GetTempPath(), "smctl-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(Root);
        var gitconfig = Path.Combine(Root, "gitconfig");
        File.WriteAllText(gitconfig, "[user]\n\tname = Test User\n\temail = test@smctl.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n[protocol \"file\"]\n\tallow = always\n");
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", gitconfig);
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
        // Fixed dates make every commit id reproducible: two fixtures built alike have the same history,
        // so a run interrupted and continued can be compared ref for ref with an uninterrupted one.
        Environment.SetEnvironmentVariable("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
        Environment.SetEnvironmentVariable("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
        Environment.SetEnvironmentVariable("SMCTL_WORKSPACE", null);
        Environment.SetEnvironmentVariable("NO_COLOR", "1");
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("SMCTL_", StringComparison.Ordinal)))
            Environment.SetEnvironmentVariable(key, null);
    }
}

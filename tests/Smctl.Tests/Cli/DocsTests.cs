using Smctl.Cli;
using Smctl.Cli.Docs;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>The committed CLI reference and man pages must be what the command tree generates now.</summary>
public sealed class DocsTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("UPDATE_SMCTL_DOCS") == "1";

    private static Smctl.Cli.CliHost Host => new() { CurrentDirectory = "/", GetEnvironment = _ => null, Out = TextWriter.Null, Err = TextWriter.Null, Terminal = false };

    [Fact]
    public void Cli_reference_is_current()
    {
        var path = Path.Combine(Testing.TestEnvironment.RepoRoot(), "docs", "cli.md");
        var expected = CliReference.Markdown(SmctlApp.Build(Host));
        if (Update) File.WriteAllText(path, expected);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected, "docs/cli.md is stale: run ./scripts/update-docs.sh");
    }

    [Fact]
    public void Man_pages_are_current()
    {
        var dir = Path.Combine(Testing.TestEnvironment.RepoRoot(), "docs", "man");
        var version = typeof(SmctlApp).Assembly.GetName().Version!.ToString(3);
        var pages = CliReference.ManPages(SmctlApp.Build(Host), version);
        if (Update)
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            foreach (var (name, content) in pages) File.WriteAllText(Path.Combine(dir, name), content);
        }
        var existing = Directory.Exists(dir) ? Directory.GetFiles(dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList() : [];
        Assert.Equal(pages.Keys.ToList(), existing);
        foreach (var (name, content) in pages)
            Assert.True(File.ReadAllText(Path.Combine(dir, name)) == content, $"docs/man/{name} is stale: run ./scripts/update-docs.sh");
    }
}

using Semver;
using Smctl.Core.Release.Shared;
using Xunit;

namespace Smctl.Tests.Release;

/// <summary>Conventional Commits, version bumps, changelog insertion and manifest version edits, without repos.</summary>
public sealed class ReleaseRulesTests
{
    [Theory]
    [InlineData("feat: add x", "feat", null, false, "add x")]
    [InlineData("feat(api)!: drop v1", "feat", "api", true, "drop v1")]
    [InlineData("Fix(Parser): handle tabs", "fix", "Parser", false, "handle tabs")]
    [InlineData("refactor: rename\n\nBREAKING CHANGE: the old name is gone", "refactor", null, true, "rename")]
    [InlineData("chore: x\n\nBREAKING-CHANGE: y", "chore", null, true, "x")]
    [InlineData("Merge branch 'x'", null, null, false, "Merge branch 'x'")]
    [InlineData("feat:no space", null, null, false, "feat:no space")]
    [InlineData("WIP", null, null, false, "WIP")]
    public void Commits_are_read_as_conventional_commits(string message, string? type, string? scope, bool breaking, string description)
    {
        var c = ConventionalCommit.Parse("abc1234", message);
        Assert.Equal(type, c.Type);
        Assert.Equal(scope, c.Scope);
        Assert.Equal(breaking, c.Breaking);
        Assert.Equal(description, c.Description);
        Assert.Equal(type is null ? "Other" : c.Group, c.Group);
    }

    [Theory]
    [InlineData("1.2.3", "fix: a", true, true, "1.2.4")]
    [InlineData("1.2.3", "feat: a", true, true, "1.3.0")]
    [InlineData("1.2.3", "feat!: a", true, true, "2.0.0")]
    [InlineData("0.3.1", "feat!: a", true, true, "1.0.0")]
    [InlineData("0.3.1", "feat!: a", true, false, "0.4.0")]
    [InlineData("0.3.1", "feat: a", false, true, "0.3.2")]
    [InlineData("0.3.1", "docs: a", true, true, "0.3.2")]
    [InlineData(null, "feat: a", true, true, "0.1.0")]
    public void The_next_version_follows_the_commits_and_the_pre_1_0_rules(string? last, string message, bool featuresMinor, bool breakingMajor, string next)
    {
        var rules = new VersionRules(featuresMinor, breakingMajor, SemVersion.Parse("0.1.0", SemVersionStyles.Strict));
        var commits = new[] { ConventionalCommit.Parse("abc1234", message) };
        Assert.Equal(next, rules.Next(last is null ? null : SemVersion.Parse(last, SemVersionStyles.Strict), VersionRules.Of(commits)).ToString());
    }

    [Fact]
    public void A_new_section_goes_above_the_last_release_and_below_unreleased_leaving_the_rest_untouched()
    {
        const string existing = "# Changelog\r\n\r\nNotes by hand.\r\n\r\n## [Unreleased]\r\n\r\n- wip\r\n\r\n## [1.0.0] - 2026-01-01\r\n\r\n### Added\r\n\r\n- first\r\n";
        var updated = Changelog.Insert(existing, "## [1.1.0] - 2026-02-02\n\n### Fixed\n\n- a fix\n");
        Assert.Equal("# Changelog\r\n\r\nNotes by hand.\r\n\r\n## [Unreleased]\r\n\r\n- wip\r\n\r\n## [1.1.0] - 2026-02-02\r\n\r\n### Fixed\r\n\r\n- a fix\r\n\r\n## [1.0.0] - 2026-01-01\r\n\r\n### Added\r\n\r\n- first\r\n", updated);
        Assert.StartsWith(Changelog.Header, Changelog.Insert(null, "## [0.1.0] - 2026-01-01\n"));
    }

    [Fact]
    public void Manifest_versions_change_and_nothing_else_does()
    {
        var files = new Dictionary<string, string>
        {
            ["Cargo.toml"] = "# the crate\n[package]\nname = \"k\"   # keep me\nversion = \"0.3.0\"\n\n[dependencies]\nserde = { version = \"1.0.0\" }\n",
            ["Directory.Build.props"] = "<Project>\n  <PropertyGroup>\n    <Version>0.3.0</Version>\n  </PropertyGroup>\n</Project>\n",
            ["App.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n",
            ["package.json"] = "{\"name\":\"k\",\"dependencies\":{\"x\":{\"version\":\"9.9.9\"}},\"version\":\"0.3.0\"}",
        };
        var edits = ManifestVersions.Plan("k", files, "0.4.0").ToDictionary(e => e.File);
        Assert.Equal(files["Cargo.toml"].Replace("version = \"0.3.0\"", "version = \"0.4.0\""), edits["Cargo.toml"].NewText);
        Assert.Equal(files["Directory.Build.props"].Replace("0.3.0", "0.4.0"), edits["Directory.Build.props"].NewText);
        Assert.False(edits.ContainsKey("App.csproj"));
        Assert.Equal("{\"name\":\"k\",\"dependencies\":{\"x\":{\"version\":\"9.9.9\"}},\"version\":\"0.4.0\"}", edits["package.json"].NewText);

        var workspace = ManifestVersions.Plan("k", new Dictionary<string, string> { ["Cargo.toml"] = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = \"2.0.0\"\n" }, "2.1.0");
        Assert.Contains("version = \"2.1.0\"", workspace.Single().NewText);
    }

    [Theory]
    [InlineData("Cargo.toml", "[package]\nname = \"k\"\n", "has no version")]
    [InlineData("Cargo.toml", "[package]\nversion = \"one\"\n", "not a semantic version")]
    [InlineData("package.json", "{\"name\": \"k\"}", "has no \"version\"")]
    [InlineData("package.json", "{\"version\": ", "is not valid JSON")]
    [InlineData("App.csproj", "<Project><PropertyGroup><Version>x.y</Version></PropertyGroup></Project>", "not a semantic version")]
    [InlineData("Directory.Build.props", "<Project />", "has no <Version>")]
    public void A_missing_or_malformed_version_field_is_refused(string file, string text, string message)
    {
        var error = Assert.Throws<Smctl.Core.Errors.SmctlException>(() => ManifestVersions.Plan("k", new Dictionary<string, string> { [file] = text }, "1.0.0"));
        Assert.Contains(message, error.Message);
    }
}

using System.Text.Json.Nodes;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Spec;

/// <summary>spec validate against the real openspec CLI 1.13.2 on the corpus: the same items, levels, paths, lines and messages.</summary>
public sealed class SpecValidateTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("docs", "app");
    private string Docs => _ws.Repo("docs");
    private string OpenspecDir => Path.Combine(Docs, "openspec");

    public SpecValidateTests()
    {
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace("name = \"docs\"", "name = \"docs\"\nsmctl_home = true"));
        var (code, output) = Peers.Openspec(Docs, "init", "--tools", "none", "--no-animation", ".");
        Assert.True(code == 0, output);
    }

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Validate_all_reports_what_openspec_reports(bool strict)
    {
        SpecCorpus.Write(OpenspecDir);
        string[] flags = strict ? ["--all", "--json", "--strict"] : ["--all", "--json"];
        var (_, theirsText) = Peers.Openspec(Docs, ["validate", .. flags]);
        var theirs = JsonNode.Parse(theirsText)!;
        var ours = await _ws.Smctl(["spec", "validate", .. flags]);
        Assert.Equal(5, ours.ExitCode);
        var oursJson = JsonNode.Parse(ours.Stdout)!;

        var theirItems = theirs["items"]!.AsArray().ToDictionary(i => $"{i!["type"]}/{i["id"]}");
        var ourItems = oursJson["items"]!.AsArray().ToDictionary(i => $"{i!["type"]}/{i["id"]}");
        Assert.Equal(theirItems.Keys.Order(), ourItems.Keys.Order());
        var mismatches = new List<string>();
        foreach (var (key, their) in theirItems)
        {
            var our = ourItems[key]!;
            // smctl's own rules carry a rule id; what is left must be exactly OpenSpec's findings.
            var openspecPart = new JsonArray([.. our["issues"]!.AsArray().Where(i => i!["rule"] is null).Select(i => i!.DeepClone())]);
            if (!JsonNode.DeepEquals(openspecPart, their!["issues"]))
                mismatches.Add($"{key}\n  openspec: {their["issues"]!.ToJsonString()}\n  smctl:    {openspecPart.ToJsonString()}");
            var openspecValid = !openspecPart.Any(i => (string)i!["level"]! == "ERROR" || (strict && (string)i["level"]! == "WARNING"));
            Assert.Equal((bool)their["valid"]!, openspecValid);
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // The report has the same shape: item order, summary by type, version.
        Assert.Equal(theirs["items"]!.AsArray().Select(i => (string)i!["id"]!), oursJson["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal(theirs["summary"]!["totals"]!["items"]!.GetValue<int>(), oursJson["summary"]!["totals"]!["items"]!.GetValue<int>());
        Assert.Equal("1.0", (string)oursJson["version"]!);
    }

    [Fact]
    public async Task One_change_one_spec_and_smctls_own_rules()
    {
        SpecCorpus.Write(OpenspecDir, ["add-logout", "no-proposal"]);
        var ok = await _ws.Smctl("spec", "validate", "add-logout", "--strict", "--json");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Empty(ok.Json.GetProperty("items")[0].GetProperty("issues").EnumerateArray());

        var spec = await _ws.Smctl("spec", "validate", "billing", "--json");
        Assert.Equal("spec", spec.Json.GetProperty("items")[0].GetProperty("type").GetString());

        // No proposal: an error of smctl's; no design decision and tasks without owners: warnings.
        var change = Path.Combine(OpenspecDir, "changes", "no-proposal");
        File.WriteAllText(Path.Combine(change, "design.md"), "# Design\n\n## Decisions\n\n<!-- none yet -->\n");
        File.WriteAllText(Path.Combine(change, "tasks.md"), "- [ ] 1.1 write it\n- [ ] 1.2 test it @ann\n- [ ] 1.3 mail me at x@example.com\n");
        var bare = await _ws.Smctl("spec", "validate", "no-proposal", "--json");
        Assert.Equal(5, bare.ExitCode);
        var rules = bare.Json.GetProperty("items")[0].GetProperty("issues").EnumerateArray().Where(i => i.TryGetProperty("rule", out _))
            .Select(i => (i.GetProperty("rule").GetString(), i.GetProperty("level").GetString(), i.TryGetProperty("line", out var l) ? l.GetInt32() : 0)).ToList();
        Assert.Equal([("smctl/proposal", "ERROR", 0), ("smctl/design-decision", "WARNING", 0), ("smctl/task-owner", "WARNING", 1), ("smctl/task-owner", "WARNING", 3)], rules);

        var human = await _ws.Smctl("spec", "validate", "no-proposal");
        Assert.Contains("✗ change/no-proposal", human.Stdout);
        Assert.Contains("(smctl/proposal)", human.Stdout);
    }

    [Fact]
    public async Task Critical_changes_need_formal_artifacts_that_exist()
    {
        SpecCorpus.Write(OpenspecDir, ["add-logout"]);
        var change = Path.Combine(OpenspecDir, "changes", "add-logout");
        File.WriteAllText(Path.Combine(change, ".smctl.toml"), "repos = []\nsafety = \"critical\"\n");
        var none = await _ws.Smctl("spec", "validate", "add-logout", "--json");
        Assert.Equal(5, none.ExitCode);
        Assert.Contains("requires formal artifacts (.tla, .lean)", none.Stdout);

        File.AppendAllText(Path.Combine(change, "design.md"), "\nThe lock protocol is modelled in models/Lock.tla.\n");
        var missing = await _ws.Smctl("spec", "validate", "add-logout", "--json");
        Assert.Contains("references the formal artifact models/Lock.tla, which does not exist", missing.Stdout);

        Directory.CreateDirectory(Path.Combine(_ws.Repo("app"), "models"));
        File.WriteAllText(Path.Combine(_ws.Repo("app"), "models", "Lock.tla"), "---- MODULE Lock ----\n====\n");
        File.WriteAllText(Path.Combine(change, "design.md"), Path.Combine(change, "design.md") is var d ? File.ReadAllText(d).Replace("models/Lock.tla", "app/models/Lock.tla") : "");
        var found = await _ws.Smctl("spec", "validate", "add-logout", "--json");
        Assert.True(found.ExitCode == 0, found.ToString());

        // The default class comes from [spec] safety; a normal change needs nothing.
        File.WriteAllText(Path.Combine(change, ".smctl.toml"), "repos = []\n");
        File.AppendAllText(_ws.Manifest, "\n[spec]\nsafety = \"high\"\n");
        File.WriteAllText(Path.Combine(change, "design.md"), "# Design\n\n## Decisions\n\n- none formal\n");
        Assert.Equal(5, (await _ws.Smctl("spec", "validate", "add-logout")).ExitCode);
    }

    [Fact]
    public async Task Ambiguous_and_unknown_items_are_refused_clearly()
    {
        SpecCorpus.Write(OpenspecDir, ["add-logout"]);
        Directory.CreateDirectory(Path.Combine(OpenspecDir, "changes", "auth"));
        File.WriteAllText(Path.Combine(OpenspecDir, "changes", "auth", "proposal.md"), "# P\n");
        var ambiguous = await _ws.Smctl("spec", "validate", "auth");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("Ambiguous item 'auth' matches both a change and a spec.", ambiguous.Stderr);
        Assert.Equal("spec", (await _ws.Smctl("spec", "validate", "auth", "--type", "spec", "--json")).Json.GetProperty("items")[0].GetProperty("type").GetString());
        var unknown = await _ws.Smctl("spec", "validate", "nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown item 'nope'.", unknown.Stderr);
    }
}

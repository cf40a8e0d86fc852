using CsCheck;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;
using Xunit;

namespace Smctl.Tests.Toml;

public sealed class TomlFileTests
{
    private const string Manifest = """
        # header comment
        [workspace]
        name = "w"   # trailing

        # about a
        [[repos]]
        name = "a"

        # ---- a section note ----

        # about b
        [[repos]]
        name = "b"
        depends_on = ["a"]   # b needs a

        # about c
        [[repos]]
        name = "c"

        [flow]
        tag_prefix = "v"
        """;

    [Fact]
    public void Removing_a_middle_entry_keeps_other_comments_and_drops_its_own()
    {
        var file = TomlFile.Parse("w.toml", Manifest);
        file.RemoveTableArrayEntry("repos", 1);
        var text = file.ToString();
        Assert.DoesNotContain("about b", text);
        Assert.DoesNotContain("name = \"b\"", text);
        Assert.Contains("# ---- a section note ----", text);
        Assert.Contains("# about c\n[[repos]]\nname = \"c\"", text);
        Assert.Contains("name = \"w\"   # trailing", text);
    }

    [Fact]
    public void Set_replaces_a_value_in_place_keeping_its_comment()
    {
        var file = TomlFile.Parse("w.toml", Manifest);
        file.Set("workspace", "name", "\"renamed\"");
        file.Set("flow", "develop_branch", "\"dev\"");
        file.Set("worktree", "base_dir", "\"wt\"");
        var text = file.ToString();
        Assert.Contains("name = \"renamed\"   # trailing", text);
        Assert.Contains("tag_prefix = \"v\"\ndevelop_branch = \"dev\"", text);
        Assert.EndsWith("[worktree]\nbase_dir = \"wt\"\n", text);
        Assert.StartsWith(Manifest.Replace("\"w\"", "\"renamed\"")[..Manifest.IndexOf("[flow]", StringComparison.Ordinal)], text);
    }

    /// <summary>For any manifest shape and any new entry, add then remove gives back the file byte for byte.</summary>
    [Fact]
    public void Add_then_remove_is_the_identity()
    {
        var gen = Gen.Select(Gen.Int[0, 4], Gen.Bool, Gen.Bool, Gen.Bool, Gen.String[Gen.Char["abc-_"], 1, 6]);
        gen.Sample((count, trailingNewline, comments, flowFirst, name) =>
        {
            var text = "# ws\n[workspace]\nname = \"w\"\n";
            if (flowFirst) text += "\n[flow]\ntag_prefix = \"v\"\n";
            for (var i = 0; i < count; i++)
                text += (comments ? $"\n# repo {i}\n" : "\n") + $"[[repos]]\nname = \"r{i}\"\n";
            if (!trailingNewline) text = text.TrimEnd('\n');
            var file = TomlFile.Parse("w.toml", text);
            file.AppendSnippet(ManifestText.RepoEntry("n" + name, "file:///x.git", null, "main", ["r0"], "make", null));
            var added = TomlFile.Parse("w.toml", file.ToString());
            Assert.Equal(count + 1, added.TableArrayOrigins("repos").Count);
            added.RemoveTableArrayEntry("repos", count);
            Assert.Equal(text.TrimEnd('\n') + (trailingNewline ? "\n" : ""), added.ToString().TrimEnd('\n') + (trailingNewline ? "\n" : ""));
            if (trailingNewline) Assert.Equal(text, added.ToString());
        }, iter: 200);
    }
}

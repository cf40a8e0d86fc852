using System.Text.RegularExpressions;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Architecture;

/// <summary>
/// Smctl.Core's folders form layers: the engine (the branch model, plans, git, files, the operation contract and every
/// noun's Shared folder) never reaches a verb folder or the catalog, and verb folders do not reach each other in a loop.
/// Edges are read from <c>using</c> lines and qualified names, the only ways C# lets a file name another folder's type.
/// </summary>
public sealed partial class FolderLoopTests
{
    private static readonly string CoreDir = Path.Combine(TestEnvironment.RepoRoot(), "src", "Smctl.Core");

    /// <summary>Folders of verbs: each holds operations the catalog lists.</summary>
    private static readonly string[] VerbFolders = ["Build", "Catalog", "Config", "Demo", "Exec", "Flow", "Gate", "Mcp", "Release", "Runs", "Spec", "Workspace", "Worktree"];

    [GeneratedRegex(@"^using\s+Smctl\.Core\.(\w+)(\.Shared)?\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:Smctl\.Core\.)?(\w+)\.(Shared\.)?([A-Z]\w*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?\$?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    private static string NodeOf(string file)
    {
        var parts = Path.GetRelativePath(CoreDir, file).Split(Path.DirectorySeparatorChar);
        if (parts.Length == 1) return "(root)";
        return parts.Length > 2 && parts[1] == "Shared" ? parts[0] + "/Shared" : parts[0];
    }

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(CoreDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    /// <summary>Every edge node → node, with the file that makes it.</summary>
    private static List<(string From, string To, string File)> Edges()
    {
        var files = Sources().ToDictionary(f => f, f => CommentOrString().Replace(File.ReadAllText(f), "\"\""));
        var typesOf = files.GroupBy(f => NodeOf(f.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Value).Select(m => m.Groups[1].Value)).ToHashSet());
        var edges = new List<(string, string, string)>();
        foreach (var (file, text) in files)
        {
            var from = NodeOf(file);
            foreach (Match m in UsingLine().Matches(text))
                edges.Add((from, m.Groups[1].Value + m.Groups[2].Value, file));
            foreach (Match m in QualifiedName().Matches(text))
            {
                var to = m.Groups[1].Value + (m.Groups[2].Success ? "/Shared" : "");
                // Workspace.Load(...) is a call on the Workspace type, not a name in the Workspace folder.
                if (typesOf.TryGetValue(to, out var types) && types.Contains(m.Groups[3].Value)) edges.Add((from, to, file));
            }
        }
        return edges.Where(e => e.Item1 != e.Item2 && e.Item1.Split('/')[0] != e.Item2 || e.Item2.EndsWith("/Shared", StringComparison.Ordinal) && e.Item1 != e.Item2).ToList();
    }

    [Fact]
    public void The_engine_reaches_no_verb_folder_and_not_the_catalog()
    {
        var wrong = Edges().Where(e => !VerbFolders.Contains(e.From) && VerbFolders.Contains(e.To))
            .Select(e => $"{Path.GetRelativePath(CoreDir, e.File)} reaches {e.To}").Distinct().ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Verb_folders_reach_each_other_without_a_loop()
    {
        var graph = Edges().Where(e => VerbFolders.Contains(e.From) && VerbFolders.Contains(e.To) && e.From != e.To)
            .GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet());
        // The catalog lists every verb and the generated JSON contract (SmctlJson) names every verb's types, so the one
        // allowed way back is a verb asking the catalog for its own contract: every other edge must leave no loop.
        foreach (var verbs in graph.Values) verbs.Remove("Catalog");
        var loops = new List<string>();
        foreach (var start in graph.Keys)
            foreach (var path in PathsBack(graph, start))
                loops.Add(string.Join(" → ", path));
        Assert.Empty(loops);
    }

    [Fact]
    public void Only_the_front_ends_go_through_the_catalog_for_an_operation()
    {
        var users = Sources().Where(f => NodeOf(f) != "Catalog" && File.ReadAllText(f).Contains("OperationCatalog.", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(CoreDir, f)).ToList();
        Assert.Empty(users);
    }

    [Fact]
    public void The_check_sees_a_loop_when_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["Flow"] = ["Worktree"], ["Worktree"] = ["Flow"] };
        Assert.NotEmpty(PathsBack(graph, "Flow"));
        Assert.Contains(Edges(), e => e.From == "Spec" && e.To == "Flow");
    }

    /// <summary>The paths from start that come back to it (each found once, by depth-first search).</summary>
    private static IEnumerable<List<string>> PathsBack(Dictionary<string, HashSet<string>> graph, string start)
    {
        var stack = new Stack<List<string>>([[start]]);
        var seen = new HashSet<string>();
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            foreach (var next in graph.GetValueOrDefault(path[^1], []))
            {
                if (next == start) { yield return [.. path, next]; continue; }
                if (seen.Add(next)) stack.Push([.. path, next]);
            }
        }
    }
}

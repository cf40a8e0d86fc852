using System.Text.RegularExpressions;

namespace Smctl.Core.Spec.Shared;

/// <summary>What smctl's own rules need beyond the change's folder: where formal artifacts may live and what counts as one.</summary>
/// <param name="SearchRoots">Folders a referenced artifact path may be relative to (the change, its project, the workspace, each repo).</param>
/// <param name="Safety">The change's safety class (.smctl.toml, else [spec] safety).</param>
/// <param name="FormalKinds">File extensions that count as formal artifacts (".tla", ".lean", …).</param>
public sealed record SmctlRuleContext(IReadOnlyList<string> SearchRoots, string Safety, IReadOnlyList<string> FormalKinds);

/// <summary>
/// smctl's rules on a change, reported with OpenSpec's findings and each carrying its id: a proposal exists; design.md
/// records a decision; every task names an owner (@name); a critical or high change references formal artifacts that exist.
/// </summary>
public static partial class SmctlRules
{
    public const string Proposal = "smctl/proposal";
    public const string DesignDecision = "smctl/design-decision";
    public const string TaskOwner = "smctl/task-owner";
    public const string FormalArtifacts = "smctl/formal-artifacts";
    public static readonly string[] FormalClasses = ["critical", "high"];

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"(?<![\w@.])@[A-Za-z0-9][\w.-]*")]
    private static partial Regex Owner();

    public static IReadOnlyList<SpecIssue> Check(string changeDir, SmctlRuleContext context)
    {
        var issues = new List<SpecIssue>();
        if (!File.Exists(Path.Combine(changeDir, "proposal.md")))
            issues.Add(Rule(SpecIssue.Err("proposal.md", "The change has no proposal.md: every change starts with a proposal (why, what changes, which capabilities)."), Proposal));
        var design = Path.Combine(changeDir, "design.md");
        if (!File.Exists(design))
            issues.Add(Rule(SpecIssue.Warn("design.md", "The change has no design.md: record at least one decision (and the alternatives weighed) under \"## Decisions\"."), DesignDecision));
        else if (!RecordsDecision(SpecText.Read(design)))
            issues.Add(Rule(SpecIssue.Warn("design.md", "design.md records no decision: write at least one under \"## Decisions\" (or a \"### Decision: …\" heading)."), DesignDecision));
        var tasks = Path.Combine(changeDir, "tasks.md");
        if (File.Exists(tasks))
            foreach (var task in TaskList.Parse(SpecText.Read(tasks)).Where(t => !Owner().IsMatch(t.Text)))
                issues.Add(Rule(SpecIssue.Warn("tasks.md", $"Task \"{Shorten(task.Text)}\" names no owner: add @name to it.", task.Line + 1), TaskOwner));
        if (FormalClasses.Contains(context.Safety)) issues.AddRange(Formal(changeDir, context));
        return issues;
    }

    private static SpecIssue Rule(SpecIssue issue, string id) => issue with { Rule = id };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>A "Decision…" heading with something written under it (HTML comments do not count), or one of its own.</summary>
    public static bool RecordsDecision(string markdown)
    {
        var lines = CodeFence.Normalize(markdown).Split('\n');
        var mask = CodeFence.Mask(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            if (mask[i] || Heading().Match(lines[i]) is not { Success: true } h) continue;
            var title = h.Groups[2].Value;
            if (!title.StartsWith("Decision", StringComparison.OrdinalIgnoreCase)) continue;
            if (!title.Equals("Decisions", StringComparison.OrdinalIgnoreCase) && !title.Equals("Decision", StringComparison.OrdinalIgnoreCase)) return true;
            var level = h.Groups[1].Length;
            var body = new List<string>();
            for (var j = i + 1; j < lines.Length; j++)
            {
                if (!mask[j] && Heading().Match(lines[j]) is { Success: true } next && next.Groups[1].Length <= level) break;
                body.Add(lines[j]);
            }
            if (HtmlComment().Replace(string.Join('\n', body), "").Trim().Length > 0) return true;
        }
        return false;
    }

    /// <summary>The formal artifacts a critical or high change references (or holds), each of which must exist.</summary>
    private static IEnumerable<SpecIssue> Formal(string changeDir, SmctlRuleContext context)
    {
        var kinds = string.Join(", ", context.FormalKinds);
        var pattern = new Regex(@"[\w./-]*[\w-](" + string.Join('|', context.FormalKinds.Select(k => Regex.Escape(k))) + @")(?!\w|\.\w)");
        var held = context.FormalKinds.Count == 0 ? [] : Directory.EnumerateFiles(changeDir, "*", SearchOption.AllDirectories)
            .Where(f => context.FormalKinds.Any(k => f.EndsWith(k, StringComparison.Ordinal))).ToList();
        var documents = new[] { "proposal.md", "design.md", "tasks.md" }.Select(f => Path.Combine(changeDir, f)).Where(File.Exists)
            .Concat(Directory.Exists(Path.Combine(changeDir, "specs")) ? Directory.EnumerateFiles(Path.Combine(changeDir, "specs"), "*.md", SearchOption.AllDirectories) : []);
        var references = new List<(string Document, string Path)>();
        foreach (var document in documents)
            foreach (Match m in pattern.Matches(SpecText.Read(document)))
                references.Add((Path.GetRelativePath(changeDir, document).Replace('\\', '/'), m.Value));
        if (held.Count == 0 && references.Count == 0)
        {
            yield return Rule(SpecIssue.Err("file", $"The change's safety class is {context.Safety}, which requires formal artifacts ({kinds}): " +
                "add the model or proof to the change, or reference where it lives from design.md."), FormalArtifacts);
            yield break;
        }
        var roots = new[] { changeDir }.Concat(context.SearchRoots).ToList();
        foreach (var (document, path) in references.DistinctBy(r => r.Path))
            if (!roots.Any(root => File.Exists(Path.GetFullPath(path.TrimStart('/'), root))))
                yield return Rule(SpecIssue.Err(document, $"{document} references the formal artifact {path}, which does not exist (looked in the change, its project, the workspace and every repo)."), FormalArtifacts);
    }
}

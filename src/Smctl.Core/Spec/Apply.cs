using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecApplyInput
{
    [Description("Change id, or repo:id (default: the only active change)")]
    [Argument(0, Suggest = Suggestions.ChangeIds)]
    public string? Id { get; init; }
    [Description("Tasks to tick: a number as written (1.2) or a position (3)")]
    [Option(HelpName = "N", SpaceSeparated = true)]
    public IReadOnlyList<string>? Done { get; init; }
    [Description("Tasks to untick, named as for done")]
    [Option(HelpName = "N", SpaceSeparated = true)]
    public IReadOnlyList<string>? Undo { get; init; }
}

public sealed record ApplyTask(int Position, string Text, bool Done);

/// <param name="Next">The open tasks, in order.</param>
/// <param name="ContextFiles">What an implementer reads first: proposal, design and the change's delta specs.</param>
/// <param name="Changed">The tasks this call ticked or unticked.</param>
public sealed record SpecApplyResult(string Name, string Change, int CompletedTasks, int TotalTasks, IReadOnlyList<ApplyTask> Next,
    IReadOnlyList<string> ContextFiles, IReadOnlyList<ApplyTask> Changed);

/// <summary>
/// The next open tasks of a change with the files to read for them, and ticking or unticking checkboxes in tasks.md:
/// only the character inside the box changes, every other byte of the file stays as it was.
/// </summary>
public sealed partial class SpecApply : IOperation<SpecApplyInput, SpecApplyResult>
{
    [GeneratedRegex(@"^(?<lead>\s*(?:[-*+]|\d{1,9}[.)])\s*\[)(?<box>[^\]]*)\]")]
    private static partial Regex Box();

    public OperationInfo Info { get; } = new("spec.apply",
        "Show a change's next open tasks and the files to read for them; tick or untick tasks in tasks.md.",
        OperationEffect.Mutating, Idempotent: true);
    public JsonTypeInfo<SpecApplyInput> InputJson => SmctlJson.Default.SpecApplyInput;
    public JsonTypeInfo<SpecApplyResult> ResultJson => SmctlJson.Default.SpecApplyResult;

    public Task<SpecApplyResult> RunAsync(SmctlContext context, SpecApplyInput input, CancellationToken ct)
    {
        var change = ChangeLocator.Find(SpecRoots.Require(context, context.RequireWorkspace()), input.Id);
        var path = Path.Combine(change.Dir, "tasks.md");
        if (!File.Exists(path)) throw new SmctlException(ErrorKind.SpecValidation, $"{change.Name} has no tasks.md", "write it (or 'smctl spec ff') first");
        var text = File.ReadAllText(path);
        var tasks = TaskList.Parse(text);
        var changes = new Dictionary<int, bool>();
        foreach (var n in input.Done ?? []) changes[Resolve(tasks, n, change.Name)] = true;
        foreach (var n in input.Undo ?? [])
        {
            var i = Resolve(tasks, n, change.Name);
            if (changes.TryGetValue(i, out var tick) && tick) throw SmctlException.Usage($"task {n} is both ticked and unticked");
            changes[i] = false;
        }
        var changed = changes.Where(c => tasks[c.Key].Done != c.Value).Select(c => new ApplyTask(c.Key + 1, tasks[c.Key].Text, c.Value)).ToList();
        if (changed.Count > 0 && !context.DryRun)
        {
            var lines = text.Split('\n');
            foreach (var (index, tick) in changes)
            {
                var lineNo = tasks[index].Line;
                lines[lineNo] = Box().Replace(lines[lineNo], m => m.Groups["lead"].Value + (tick ? "x" : " ") + "]", 1);
            }
            IO.AtomicFile.WriteAllText(path, string.Join('\n', lines));
            tasks = TaskList.Parse(File.ReadAllText(path));
        }
        else if (changed.Count > 0)
        {
            tasks = [.. tasks.Select((t, i) => changes.TryGetValue(i, out var tick) ? t with { Done = tick } : t)];
        }
        var next = tasks.Select((t, i) => new ApplyTask(i + 1, t.Text, t.Done)).Where(t => !t.Done).ToList();
        return Task.FromResult(new SpecApplyResult(change.Name, change.Dir, tasks.Count(t => t.Done), tasks.Count, next, ContextFiles(change.Dir), changed));
    }

    /// <summary>A task by the number written at its start (1.2), else by its 1-based position.</summary>
    private static int Resolve(IReadOnlyList<TaskLine> tasks, string n, string change)
    {
        var byLabel = tasks.Select((t, i) => (t, i)).Where(x => x.t.Text.StartsWith(n + " ", StringComparison.Ordinal) || x.t.Text == n).ToList();
        if (byLabel.Count == 1) return byLabel[0].i;
        if (int.TryParse(n, out var position) && position >= 1 && position <= tasks.Count) return position - 1;
        throw SmctlException.Usage($"{change} has no task {n}", $"its tasks are numbered 1 to {tasks.Count} by position; 'smctl spec apply {change}' lists them");
    }

    private static IReadOnlyList<string> ContextFiles(string dir)
    {
        var files = new List<string>();
        foreach (var name in new[] { "proposal.md", "design.md" })
            if (File.Exists(Path.Combine(dir, name))) files.Add(Path.Combine(dir, name));
        var specs = Path.Combine(dir, "specs");
        if (Directory.Exists(specs)) files.AddRange(Directory.EnumerateFiles(specs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return files;
    }
}

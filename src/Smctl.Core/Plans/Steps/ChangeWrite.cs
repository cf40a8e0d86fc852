namespace Smctl.Core.Plans.Steps;

/// <summary>
/// Creates a folder with its files, whole or not at all (an OpenSpec change: written in a scratch folder beside it
/// and moved in), after the repo's other steps put its branch in place. Done when the folder exists.
/// </summary>
/// <param name="Dir">The folder to create (absolute: a workspace's OpenSpec root need not be inside the repo).</param>
/// <param name="Also">Folders that must exist beside it (OpenSpec's specs/ and changes/archive/).</param>
public sealed record ChangeWrite(string Dir, IReadOnlyList<FileWrite> Files, IReadOnlyList<string> Also) : Step
{
    public override string Describe() => $"write {Dir}/ ({string.Join(", ", Files.Select(f => f.Path))})";

    public override Task RunAsync(StepContext context, CancellationToken ct)
    {
        Write();
        return Task.CompletedTask;
    }

    /// <summary>The step's effect, also for a folder that no repo holds (then it runs outside any program).</summary>
    public void Write()
    {
        if (Directory.Exists(Dir)) return;
        var scratch = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Dir)!, $".{System.IO.Path.GetFileName(Dir)}.smctl-tmp");
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var file in Files) IO.AtomicFile.WriteAllText(System.IO.Path.Combine(scratch, file.Path), file.Content, durable: false);
            foreach (var folder in Also) Directory.CreateDirectory(folder);
            Directory.Move(scratch, Dir);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }
}

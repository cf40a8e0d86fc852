using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Release;

namespace Smctl.Cli.Commands.Release;

/// <summary>smctl release notes</summary>
public static class NotesCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ReleaseNotes, "notes", RenderNotes)
            .WithExamples("smctl release notes", "smctl release notes --from v1.2.0 --to v1.3.0 --repos kernel");

    private static void RenderNotes(ReleaseNotesResult notes, Ui ui)
    {
        foreach (var repo in notes.Repos)
        {
            ui.Line($"# {repo.Repo}");
            ui.Line();
            ui.Line(repo.Markdown);
        }
        if (notes.Repos.Count > 1)
        {
            ui.Line("# Workspace");
            ui.Line();
            ui.Line(notes.Combined);
        }
    }
}

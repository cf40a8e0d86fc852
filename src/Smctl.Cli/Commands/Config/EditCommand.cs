using System.CommandLine;
using System.Diagnostics;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.IO;

namespace Smctl.Cli.Commands.Config;

/// <summary>
/// Opens the manifest (or the user config) in the user's editor on a copy, and puts the copy in place
/// only when it still reads correctly, like visudo. A terminal helper: assistants use 'config set'.
/// </summary>
public static class EditCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        // The same choice, and spelling, as config set's scope.
        var scope = new Option<string?>("--scope") { Description = "Which file to edit: the workspace manifest (default in a workspace) or the user config", HelpName = "workspace|user" };
        scope.AcceptOnlyFromAmong("workspace", "user");
        var command = new SmctlCommand("edit", "Edit workspace.toml (or the user config with --scope user) in $SMCTL_EDITOR / $EDITOR; the file is replaced only if it still reads correctly.");
        command.Add(scope);
        command.SetAction((p, ct) =>
        {
            var ui = CommandRuntime.UiFor(p, host);
            return CommandRuntime.GuardAsync(ui, async () =>
            {
                var context = CommandRuntime.ContextFor(p, host, ui);
                var isManifest = p.GetValue(scope) != "user" && context.FindManifest() is not null;
                var path = isManifest ? context.FindManifest()! : context.UserConfigFile;
                var original = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "# smctl user configuration\n";
                var editor = context.Settings.String(ConfigKeys.Editor) ?? "vi";
                var copy = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileNameWithoutExtension(path)}.edit-{Environment.ProcessId}.toml");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(copy, original, ct);
                if (context.DryRun)
                {
                    File.Delete(copy);
                    ui.Info($"would open {path} in '{editor}'");
                    return 0;
                }
                var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
                foreach (var a in new[] { "-c", editor + " \"$1\"", "smctl-editor", copy }) psi.ArgumentList.Add(a);
                using (var process = Process.Start(psi)!)
                {
                    await process.WaitForExitAsync(ct);
                    if (process.ExitCode != 0)
                    {
                        File.Delete(copy);
                        throw new SmctlException(ErrorKind.General, $"the editor '{editor}' exited with code {process.ExitCode}; {path} is unchanged");
                    }
                }
                var edited = await File.ReadAllTextAsync(copy, ct);
                if (edited == original)
                {
                    File.Delete(copy);
                    ui.Info("no changes");
                    return 0;
                }
                var keptHint = $"{path} is unchanged; your edit is kept in {copy}: fix it and copy it over, or run 'smctl config edit' again";
                IReadOnlyList<string> warnings;
                // Checked as the copy: the line and column of a mistake are in the file the user just edited.
                try { warnings = ConfigFileCheck.Check(copy, edited, isManifest); }
                catch (SmctlException e) { throw new SmctlException(e.Kind, e.Message, suggestion: keptHint); }
                foreach (var w in warnings) ui.Warning(w.Replace(copy, path, StringComparison.Ordinal));
                using (FileLock.Acquire(path, Core.Workspace.Shared.SmctlLayout.WriteLockOf(path), isManifest ? ErrorKind.Workspace : ErrorKind.General))
                {
                    // Another writer (config set, workspace add, a second editor) saved while the editor was open.
                    if ((File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "# smctl user configuration\n") != original)
                        throw new SmctlException(ErrorKind.General, $"{path} was changed by someone else while you edited it", keptHint);
                    AtomicFile.WriteAllText(path, edited, throughLinks: true);
                }
                File.Delete(copy);
                ui.Info($"saved {path}");
                return 0;
            });
        });
        return command.WithExamples("smctl config edit", "EDITOR=nano smctl config edit --scope user");
    }
}

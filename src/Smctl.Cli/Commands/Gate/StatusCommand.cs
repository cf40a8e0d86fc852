using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;
using Spectre.Console;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate status</summary>
public static class StatusCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateStatus, "status", RenderStatus)
            .WithExamples("smctl gate status", "smctl gate status --url http://127.0.0.1:8000 --json");
    }

    private static void RenderStatus(GateStatusResult r, Ui ui)
    {
        ui.Table(["instance", "live", "ready", "server", "models", "extensions"], r.Instances.Select(i => (IReadOnlyList<string>)(i.Reachable
            ?
            [
                Markup.Escape(i.Url), Mark(i.Live), Mark(i.Ready), Markup.Escape($"{i.Server} {i.Version}".Trim()),
                i.Models is null ? "-" : $"{i.ReadyModels}/{i.Models} ready", Markup.Escape(string.Join(", ", i.Extensions ?? [])),
            ]
            : [Markup.Escape(i.Url), "[red]unreachable[/]", "-", "-", "-", Markup.Escape(i.Error ?? "")])));
    }

    private static string Mark(bool? value) => value == true ? "[green]yes[/]" : value == false ? "[red]no[/]" : "-";
}

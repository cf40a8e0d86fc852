using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;
using Smctl.Core.Gate.Shared;
using Spectre.Console;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate models list</summary>
public static class ModelsListCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateModelsList, "list", RenderModels)
            .WithExamples("smctl gate models list", "smctl gate models list --json");
    }

    private static void RenderModels(GateModelsListResult r, Ui ui)
    {
        if (r.Models.Count == 0)
        {
            ui.Info($"{r.Url} serves no models ('smctl gate models add FILE' adds one)");
            return;
        }
        ui.Table(["model", "versions", "state", "inputs", "outputs"], r.Models.Select(m => (IReadOnlyList<string>)
        [
            Markup.Escape(m.Name), Markup.Escape(string.Join(", ", m.Versions)), m.State == "READY" ? "[green]READY[/]" : Markup.Escape($"{m.State} {m.Reason}".Trim()),
            Markup.Escape(Tensors(m.Inputs)), Markup.Escape(Tensors(m.Outputs)),
        ]));
    }

    internal static string Tensors(IReadOnlyList<V2Tensor>? tensors) =>
        tensors is null ? "-" : string.Join(", ", tensors.Select(t => $"{t.Name} {t.Datatype}[{string.Join(",", t.Shape)}]"));
}

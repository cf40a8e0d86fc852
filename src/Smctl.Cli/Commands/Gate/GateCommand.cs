using System.Globalization;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;
using Smctl.Core.Gate.Shared;
using Spectre.Console;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate: control ModelGate gateways (and talk to any Open Inference Protocol server: Triton, KServe, MLServer).</summary>
public static class GateCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var gate = new SmctlCommand("gate", "Control ModelGate gateways over the Open Inference Protocol (KServe V2): status, models, routes, test inferences, logs. Status, models list and test also work against Triton, KServe and MLServer.");
        gate.Add(Status(host));
        var models = new SmctlCommand("models", "The models a gateway serves: list, add (upload an ONNX file), remove (unload).");
        models.Add(ModelsList(host));
        models.Add(ModelsAdd(host));
        models.Add(ModelsRemove(host));
        gate.Add(models.WithExamples("smctl gate models list", "smctl gate models add ./add.onnx --name add --version 2"));
        var routes = new SmctlCommand("routes", "A gateway's routing table: a model to another V2 server, or to a pinned local version.");
        routes.Add(RoutesList(host));
        routes.Add(RoutesSet(host));
        routes.Add(RoutesRemove(host));
        gate.Add(routes.WithExamples("smctl gate routes list", "smctl gate routes set resnet http://gpu-box:8000"));
        gate.Add(Test(host));
        gate.Add(Logs(host));
        return gate.WithExamples("smctl gate status", "smctl gate test add --input request.json", "smctl gate logs --follow --model add",
            "smctl gate models list --url http://triton:8000");
    }

    private static SmctlCommand Status(CliHost host)
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

    private static SmctlCommand ModelsList(CliHost host)
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

    private static string Tensors(IReadOnlyList<V2Tensor>? tensors) =>
        tensors is null ? "-" : string.Join(", ", tensors.Select(t => $"{t.Name} {t.Datatype}[{string.Join(",", t.Shape)}]"));

    private static SmctlCommand ModelsAdd(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateModelsAdd, "add", (r, ui) => ui.Line($"{(r.Model.State == "PLANNED" ? "would add" : "added")} {r.Name} version {r.Version} ({r.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes) to {r.Url}"
                + (r.Model.Inputs is null ? "" : $": inputs {Tensors(r.Model.Inputs)}; outputs {Tensors(r.Model.Outputs)}")))
            .WithExamples("smctl gate models add ./add.onnx", "smctl gate models add models/resnet/3/model.onnx --url http://gpu-box:8080");
    }

    private static SmctlCommand ModelsRemove(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateModelsRemove, "remove", (r, ui) => ui.Line(r.Removed ? $"{r.Name} is no longer served by {r.Url} (its files stay; 'gate models add' or a load brings it back)" : $"would unload {r.Name} from {r.Url}"))
            .WithExamples("smctl gate models remove add --yes");
    }

    private static SmctlCommand RoutesList(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesList, "list", RenderRoutes)
            .WithExamples("smctl gate routes list");
    }

    private static SmctlCommand RoutesSet(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesSet, "set", RenderRoutes)
            .WithExamples("smctl gate routes set resnet http://gpu-box:8000", "smctl gate routes set add 1");
    }

    private static SmctlCommand RoutesRemove(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesRemove, "remove", RenderRoutes)
            .WithExamples("smctl gate routes remove resnet");
    }

    private static void RenderRoutes(GateRoutesResult r, Ui ui)
    {
        if (r.Routes.Count == 0)
        {
            ui.Info($"{r.Url} routes nothing: every model is served locally, newest version first");
            return;
        }
        ui.Table(["model", "goes to"], r.Routes.Select(x => (IReadOnlyList<string>)
            [Markup.Escape(x.Model), Markup.Escape(x.Endpoint ?? $"local version {x.Version}")]));
    }

    private static SmctlCommand Test(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateTest, "test", RenderTest)
            .WithExamples("smctl gate test add --input request.json", "echo '[1,2,3]' > x.json && smctl gate test scale --input x.json --shape 1,3 --datatype FP32");
    }

    private static void RenderTest(GateTestResult r, Ui ui)
    {
        foreach (var o in r.Outputs)
            ui.Line($"{o.Name} {o.Datatype}[{string.Join(",", o.Shape)}] = {o.Data?.GetRawText() ?? "(binary)"}");
        ui.Info($"{r.Model}{(r.Version is null ? "" : $" version {r.Version}")} on {r.Url}: {r.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture)} ms");
    }

    private static SmctlCommand Logs(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateLogs, "logs", (r, ui, p) =>
            {
                if (r.Followed) return;
                foreach (var line in r.Lines) ui.Line(GateLogs.Format(line));
            },
            outputLine: (_, ui) => ui.Json ? null : (_, line, _) => ui.Out.WriteLine(line))
            .WithExamples("smctl gate logs", "smctl gate logs --follow --model add", "smctl gate logs -n 20 --json");
    }
}

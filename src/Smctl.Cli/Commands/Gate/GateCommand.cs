using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate: control ModelGate gateways (and talk to any Open Inference Protocol server: Triton, KServe, MLServer).</summary>
public static class GateCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var gate = new SmctlCommand("gate", "Control ModelGate gateways over the Open Inference Protocol (KServe V2): status, models, routes, test inferences, logs. Status, models list and test also work against Triton, KServe and MLServer.");
        gate.Add(StatusCommand.Create(host));
        var models = new SmctlCommand("models", "The models a gateway serves: list, add (upload an ONNX file), remove (unload).");
        models.Add(ModelsListCommand.Create(host));
        models.Add(ModelsAddCommand.Create(host));
        models.Add(ModelsRemoveCommand.Create(host));
        gate.Add(models.WithExamples("smctl gate models list", "smctl gate models add ./add.onnx --name add --version 2"));
        var routes = new SmctlCommand("routes", "A gateway's routing table: a model to another V2 server, or to a pinned local version.");
        routes.Add(RoutesListCommand.Create(host));
        routes.Add(RoutesSetCommand.Create(host));
        routes.Add(RoutesRemoveCommand.Create(host));
        gate.Add(routes.WithExamples("smctl gate routes list", "smctl gate routes set resnet http://gpu-box:8000"));
        gate.Add(TestCommand.Create(host));
        gate.Add(LogsCommand.Create(host));
        return gate.WithExamples("smctl gate status", "smctl gate test add --input request.json", "smctl gate logs --follow --model add",
            "smctl gate models list --url http://triton:8000");
    }
}

using System.Globalization;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate models add FILE</summary>
public static class ModelsAddCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateModelsAdd, "add", (r, ui) => ui.Line($"{(r.Model.State == "PLANNED" ? "would add" : "added")} {r.Name} version {r.Version} ({r.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes) to {r.Url}"
                + (r.Model.Inputs is null ? "" : $": inputs {ModelsListCommand.Tensors(r.Model.Inputs)}; outputs {ModelsListCommand.Tensors(r.Model.Outputs)}")))
            .WithExamples("smctl gate models add ./add.onnx", "smctl gate models add models/resnet/3/model.onnx --url http://gpu-box:8080");
    }
}

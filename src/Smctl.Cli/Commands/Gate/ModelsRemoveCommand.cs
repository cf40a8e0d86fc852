using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate models remove NAME</summary>
public static class ModelsRemoveCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateModelsRemove, "remove", (r, ui) => ui.Line(r.Removed ? $"{r.Name} is no longer served by {r.Url} (its files stay; 'gate models add' or a load brings it back)" : $"would unload {r.Name} from {r.Url}"))
            .WithExamples("smctl gate models remove add --yes");
    }
}

using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;
using Spectre.Console;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate routes list</summary>
public static class RoutesListCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateRoutesList, "list", RenderRoutes)
            .WithExamples("smctl gate routes list");
    }

    internal static void RenderRoutes(GateRoutesResult r, Ui ui)
    {
        if (r.Routes.Count == 0)
        {
            ui.Info($"{r.Url} routes nothing: every model is served locally, newest version first");
            return;
        }
        ui.Table(["model", "goes to"], r.Routes.Select(x => (IReadOnlyList<string>)
            [Markup.Escape(x.Model), Markup.Escape(x.Endpoint ?? $"local version {x.Version}")]));
    }
}

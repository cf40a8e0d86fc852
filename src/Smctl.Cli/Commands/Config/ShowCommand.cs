using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Config;
using Spectre.Console;

namespace Smctl.Cli.Commands.Config;

/// <summary>smctl config show</summary>
public static class ShowCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var origin = new Option<bool>("--origin") { Description = "Also say where each value came from" };
        return OperationCommand.Create(host, OperationCatalog.ConfigShow, "show", (r, ui, p) => RenderShow(r, ui, p.GetValue(origin)), view: [origin])
            .WithExamples("smctl config show", "smctl config show --origin", "SMCTL_FLOW_TAG_PREFIX=release- smctl config show --origin");
    }

    private static void RenderShow(ConfigShowResult result, Ui ui, bool origin)
    {
        var headers = origin ? new[] { "key", "value", "origin" } : new[] { "key", "value" };
        ui.Table(headers, result.Values.Select(v => (IReadOnlyList<string>)(origin
            ? [Markup.Escape(v.Key), Markup.Escape(v.Value ?? "(unset)"), Markup.Escape(v.Origin)]
            : [Markup.Escape(v.Key), Markup.Escape(v.Value ?? "(unset)")])));
    }
}

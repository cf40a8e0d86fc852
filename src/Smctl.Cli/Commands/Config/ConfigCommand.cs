using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Config;
using Spectre.Console;

namespace Smctl.Cli.Commands.Config;

public static class ConfigCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("config",
            "Layered settings: flags > SMCTL_* environment > .smctl/workspace.toml > user config ($XDG_CONFIG_HOME/smctl/config.toml).");
        command.Add(Show(host));
        command.Add(Get(host));
        command.Add(Set(host));
        command.Add(EditCommand.Create(host));
        return command.WithExamples("smctl config show --origin", "smctl config set flow.develop_branch dev");
    }

    private static SmctlCommand Show(CliHost host)
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

    private static SmctlCommand Get(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ConfigGet, "get", (v, ui) => { if (v.Value is not null) ui.Line(v.Value); }, v => v.Value is null ? 1 : 0)
            .WithExamples("smctl config get flow.develop_branch", "smctl config get core.jobs --json");

    private static SmctlCommand Set(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.ConfigSet, "set", (r, ui) => ui.Info($"{r.Key} = {r.Value} ({r.Scope}: {r.File})"))
            .WithExamples("smctl config set flow.develop_branch dev", "smctl config set user.email me@example.com --scope user",
                "smctl config set core.jobs 8 --scope workspace      # into .smctl/workspace.toml (the default inside a workspace)");
}

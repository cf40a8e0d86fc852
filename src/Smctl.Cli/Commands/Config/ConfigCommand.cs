using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Config;
using Smctl.Core.Config.Shared;
using Smctl.Core.Operations;
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
        return OperationCommand.Create(host, OperationCatalog.ConfigShow, "show", [origin], _ => new ConfigShowInput(),
                (r, ui, p) => RenderShow(r, ui, p.GetValue(origin)))
            .WithExamples("smctl config show", "smctl config show --origin", "SMCTL_FLOW_TAG_PREFIX=release- smctl config show --origin");
    }

    private static void RenderShow(ConfigShowResult result, Ui ui, bool origin)
    {
        var headers = origin ? new[] { "key", "value", "origin" } : new[] { "key", "value" };
        ui.Table(headers, result.Values.Select(v => (IReadOnlyList<string>)(origin
            ? [Markup.Escape(v.Key), Markup.Escape(v.Value ?? "(unset)"), Markup.Escape(v.Origin)]
            : [Markup.Escape(v.Key), Markup.Escape(v.Value ?? "(unset)")])));
    }

    private static SmctlCommand Get(CliHost host)
    {
        var key = KeyArgument();
        return OperationCommand.Create(host, OperationCatalog.ConfigGet, "get", [key], p => new ConfigGetInput { Key = p.GetValue(key)! },
            (v, ui) => { if (v.Value is not null) ui.Line(v.Value); }, v => v.Value is null ? 1 : 0)
            .WithExamples("smctl config get flow.develop_branch", "smctl config get core.jobs --json");
    }

    private static SmctlCommand Set(CliHost host)
    {
        var key = KeyArgument();
        var value = new Argument<string>("value") { Description = "The new value" };
        var user = new Option<bool>("--user") { Description = "Write to the user config" };
        return OperationCommand.Create(host, OperationCatalog.ConfigSet, "set", [key, value, user],
            p => new ConfigSetInput
            {
                Key = p.GetValue(key)!,
                Value = p.GetValue(value)!,
                Scope = p.GetValue(user) ? "user" : GlobalOptions.WorkspaceFlagWithoutPath(p) ? "workspace" : null,
            },
            (r, ui) => ui.Info($"{r.Key} = {r.Value} ({r.Scope}: {r.File})"))
            .WithExamples("smctl config set flow.develop_branch dev", "smctl config set user.email me@example.com --user", "smctl config set core.jobs 8 --workspace      # into .smctl/workspace.toml (the default inside a workspace)");
    }

    private static Argument<string> KeyArgument()
    {
        var key = new Argument<string>("key") { Description = "A setting name, like flow.main_branch (see 'smctl config show')" };
        key.CompletionSources.Add(_ => ConfigKeys.All.Select(k => new System.CommandLine.Completions.CompletionItem(k.Name)));
        return key;
    }
}

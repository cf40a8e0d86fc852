using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Config;

public static class ConfigCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var command = new SmctlCommand("config",
            "Layered settings: flags > SMCTL_* environment > .smctl/workspace.toml > user config ($XDG_CONFIG_HOME/smctl/config.toml).");
        command.Add(ShowCommand.Create(host));
        command.Add(GetCommand.Create(host));
        command.Add(SetCommand.Create(host));
        command.Add(EditCommand.Create(host));
        return command.WithExamples("smctl config show --origin", "smctl config set flow.develop_branch dev");
    }
}

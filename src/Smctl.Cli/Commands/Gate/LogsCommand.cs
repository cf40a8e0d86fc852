using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate logs</summary>
public static class LogsCommand
{
    public static SmctlCommand Create(CliHost host)
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

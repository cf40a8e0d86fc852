using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Run;

/// <summary>smctl plan list | show ID | apply ID</summary>
public static class PlanCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var plan = new SmctlCommand("plan", "Plans saved with --dry-run --save-plan: list, show, and apply exactly as planned.");
        plan.Add(PlanListCommand.Create(host));
        plan.Add(PlanShowCommand.Create(host));
        plan.Add(PlanApplyCommand.Create(host));
        return plan.WithExamples("smctl flow release finish 1.4.0 --dry-run --save-plan", "smctl plan apply <id>");
    }
}

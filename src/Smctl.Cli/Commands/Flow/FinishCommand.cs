using Smctl.Cli.Commands.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Plans;

namespace Smctl.Cli.Commands.Flow;

/// <summary>smctl flow feature|release|hotfix finish</summary>
public static class FinishCommand
{
    public static SmctlCommand Create<TInput>(CliHost host, IOperation<TInput, RunResult> op, params string[] examples) =>
        OperationCommand.Create(host, op, "finish", RunView.Render, showProgress: true).WithExamples(examples);
}

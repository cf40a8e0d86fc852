using System.Globalization;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Gate;

namespace Smctl.Cli.Commands.Gate;

/// <summary>smctl gate test MODEL</summary>
public static class TestCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        return OperationCommand.Create(host, OperationCatalog.GateTest, "test", RenderTest)
            .WithExamples("smctl gate test add --input request.json", "echo '[1,2,3]' > x.json && smctl gate test scale --input x.json --shape 1,3 --datatype FP32");
    }

    private static void RenderTest(GateTestResult r, Ui ui)
    {
        foreach (var o in r.Outputs)
            ui.Line($"{o.Name} {o.Datatype}[{string.Join(",", o.Shape)}] = {o.Data?.GetRawText() ?? "(binary)"}");
        ui.Info($"{r.Model}{(r.Version is null ? "" : $" version {r.Version}")} on {r.Url}: {r.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture)} ms");
    }
}

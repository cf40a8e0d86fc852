using Smctl.Cli.Output;
using Smctl.Core;
using Spectre.Console;
using Spectre.Console.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>The live view's rows, driven through a real Spectre progress display on an interactive test console.</summary>
public sealed class ProgressRowsTests
{
    [Fact]
    public async Task A_finished_row_stops_its_clock_and_a_running_row_pulses_instead_of_showing_a_full_bar()
    {
        var console = new TestConsole().Interactive();
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).StartAsync(async ctx =>
        {
            var rows = new ProgressRows(ctx);
            rows.On(new ProgressEvent("", "building", Total: 2));
            rows.On(new ProgressEvent("fast", "building"));
            rows.On(new ProgressEvent("slow", "building"));
            rows.On(new ProgressEvent("fast", "built", Finished: true));
            var finishedAt = rows.Row("fast")!.ElapsedTime;
            await Task.Delay(1200, TestContext.Current.CancellationToken);
            Assert.True(rows.Row("fast")!.IsFinished);
            Assert.Equal(finishedAt, rows.Row("fast")!.ElapsedTime);
            Assert.True(rows.Row("slow")!.IsIndeterminate);
            Assert.False(rows.Row("slow")!.IsFinished);
            Assert.True(rows.Row("slow")!.ElapsedTime > TimeSpan.FromSeconds(1));
            // A late event for a finished repo changes nothing.
            rows.On(new ProgressEvent("fast", "failed", Finished: true, Failed: true));
            Assert.Contains("built", rows.Row("fast")!.Description);
            rows.On(new ProgressEvent("slow", "built", Finished: true));
        });
    }
}

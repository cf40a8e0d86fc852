using Smctl.Core;
using Spectre.Console;

namespace Smctl.Cli.Output;

/// <summary>
/// The live view of a multi-repo command: an overall bar (when the command says how many repos) and a row per repo.
/// A repo's amount of work is unknown, so its bar pulses until it finishes; its clock stops when it does.
/// </summary>
public sealed class ProgressRows(ProgressContext context)
{
    private readonly Dictionary<string, ProgressTask> _rows = [];
    private ProgressTask? _overall;
    private string _overallLabel = "";

    public ProgressTask? Row(string repo)
    {
        lock (_rows) return _rows.GetValueOrDefault(repo);
    }

    public void On(ProgressEvent e)
    {
        lock (_rows)
        {
            if (e.Total is { } total)
            {
                _overallLabel = Markup.Escape(e.Phase);
                _overall = context.AddTask($"[bold]{_overallLabel}[/] 0/{total}", autoStart: true, maxValue: total);
                return;
            }
            if (!_rows.TryGetValue(e.Repo, out var row))
            {
                _rows[e.Repo] = row = context.AddTask(Markup.Escape(e.Repo), autoStart: true, maxValue: 1);
                row.IsIndeterminate = true;
            }
            if (row.IsFinished) return;
            var color = e.Failed ? "red" : e.Finished ? "green" : "yellow";
            row.Description = $"[{color}]{Markup.Escape(e.Repo)}[/] {Markup.Escape(e.Phase)}";
            if (!e.Finished) return;
            row.IsIndeterminate = false;
            row.Value = 1;
            row.StopTask();
            if (_overall is not null)
            {
                _overall.Increment(1);
                _overall.Description = $"[bold]{_overallLabel}[/] {_overall.Value}/{_overall.MaxValue}";
                if (_overall.IsFinished) _overall.StopTask();
            }
        }
    }
}

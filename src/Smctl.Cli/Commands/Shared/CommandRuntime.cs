using System.CommandLine;
using System.Text.Json.Nodes;
using Smctl.Cli.Output;
using Smctl.Core;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Plans;
using Smctl.Core.Toml;
using Spectre.Console;

namespace Smctl.Cli.Commands.Shared;

/// <summary>Turns a parsed command line into a Ui and a Core context, runs the work, and maps errors to exit codes.</summary>
public static class CommandRuntime
{
    public static Ui UiFor(ParseResult p, CliHost host)
    {
        var json = p.GetValue(GlobalOptions.Json);
        var terminal = host.Terminal ?? (!Console.IsOutputRedirected && ReferenceEquals(host.Out, Console.Out));
        var stderrTerminal = host.Terminal ?? (!Console.IsErrorRedirected && ReferenceEquals(host.Err, Console.Error) && !Console.IsInputRedirected);
        var color = terminal && !p.GetValue(GlobalOptions.NoColor) && host.GetEnvironment("NO_COLOR") is not { Length: > 0 }
            && host.GetEnvironment("TERM") != "dumb";
        return new Ui
        {
            Out = host.Out,
            Err = host.Err,
            Json = json,
            Quiet = p.GetValue(GlobalOptions.Quiet),
            Verbosity = GlobalOptions.VerbosityOf(p),
            Color = color,
            Interactive = terminal,
            CanPrompt = stderrTerminal,
        };
    }

    public static SmctlContext ContextFor(ParseResult p, CliHost host, Ui ui, Action<ProgressEvent>? progress = null,
        Action<string, string, bool>? outputLine = null)
    {
        var flags = new Dictionary<string, (object, ValueOrigin)>();
        if (p.GetValue(GlobalOptions.Jobs) is { } jobs)
        {
            if (jobs < 1) throw SmctlException.Usage($"--jobs must be at least 1, not {jobs}.");
            flags[ConfigKeys.Jobs.Name] = ((long)jobs, new ValueOrigin("flag:--jobs"));
        }
        var yes = p.GetValue(GlobalOptions.Yes);
        return new SmctlContext
        {
            CurrentDirectory = host.CurrentDirectory,
            WorkspacePath = p.GetValue(GlobalOptions.Workspace) ?? NonEmpty(host.GetEnvironment("SMCTL_WORKSPACE")),
            UserConfigPath = p.GetValue(GlobalOptions.Config),
            GetEnvironment = host.GetEnvironment,
            FlagSettings = flags,
            DryRun = p.GetValue(GlobalOptions.DryRun),
            SavePlan = SavePlanOf(p),
            Git = new GitRunner { Trace = ui.Verbosity >= 2 ? line => ui.Verbose(2, "+ " + line) : null },
            Warn = ui.Warning,
            Progress = progress ?? (e => { if (e.Finished) ui.Verbose(1, $"{e.Repo}: {e.Phase}{(e.Detail is null ? "" : $" ({e.Detail})")}"); }),
            OutputLine = outputLine,
            Confirm = question => Confirm(ui, yes, question),
            ConfirmHint = "pass --yes to confirm without a prompt",
            FindOperation = Smctl.Core.Catalog.OperationCatalog.Named,
        };
    }

    /// <summary>Runs an operation and renders its result: JSON with --json, else the command's human view.</summary>
    public static async Task<int> RunAsync<TIn, TOut>(ParseResult p, CliHost host, IOperation<TIn, TOut> op, Func<ParseResult, TIn> bind,
        Action<TOut, Ui, ParseResult> render, Func<TOut, int>? exitCode, bool showProgress, CancellationToken ct,
        Func<ParseResult, Ui, Action<string, string, bool>?>? outputLine = null)
    {
        var ui = UiFor(p, host);
        return await GuardAsync(ui, async () =>
        {
            var input = bind(p);
            var lines = outputLine?.Invoke(p, ui);
            TOut result;
            SmctlContext context;
            if (showProgress && ui.CanPrompt && !ui.Json && !ui.Quiet)
            {
                context = null!;
                result = await WithProgressAsync(ui, progress => op.InvokeAsync(context = ContextFor(p, host, ui, progress, lines), input, ct)).ConfigureAwait(false);
            }
            else
            {
                context = ContextFor(p, host, ui, outputLine: lines);
                result = await op.InvokeAsync(context, input, ct).ConfigureAwait(false);
            }
            // --dry-run --save-plan of a command that is not a program of steps keeps the call itself, as MCP's dryRun does.
            var saving = context is { DryRun: true, SavePlan: true };
            var json = ui.Json || saving ? await CallPlans.JsonAsync(context, op, input, result, ct).ConfigureAwait(false) : null;
            if (ui.Json) ui.Line(json!);
            else
            {
                render(result, ui, p);
                if (saving && result is not RunResult && JsonNode.Parse(json!)?["planId"]?.GetValue<string>() is { } id)
                    ui.Info($"Saved as plan {id}: 'smctl plan apply {id}' makes exactly this call.");
            }
            return exitCode?.Invoke(result) ?? Outcome.ExitCode(result);
        }).ConfigureAwait(false);
    }

    /// <summary>Runs front-end work, turning smctl errors into one clear message and the documented exit code.</summary>
    public static async Task<int> GuardAsync(Ui ui, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ReportError(ui, new ErrorInfo(ErrorKind.General.McpCode(), "general", "interrupted"));
            return 130;
        }
        catch (Exception e)
        {
            var known = SmctlException.Known(e);
            var error = known ?? SmctlException.Internal(e);
            ReportError(ui, error.ToInfo());
            if (known is null && Environment.GetEnvironmentVariable(SmctlException.BacktraceVariable) == "1") ui.Error(e.ToString());
            return error.Kind.ExitCode();
        }
    }

    public static void ReportError(Ui ui, ErrorInfo error)
    {
        if (ui.Json)
        {
            ui.Out.WriteLine(OperationJson.Serialize(error, SmctlJson.Default.ErrorInfo));
            return;
        }
        ui.Error(error.Message);
        if (error.Suggestion is not null) ui.Hint(error.Suggestion);
    }

    private static bool Confirm(Ui ui, bool yes, string question)
    {
        if (yes) return true;
        if (!ui.CanPrompt || ui.Json)
            throw SmctlException.Usage($"{question.TrimEnd('?')}: this cannot be undone and there is no terminal to ask on.", "pass --yes to confirm");
        return ui.Status.Prompt(new ConfirmationPrompt(question) { DefaultValue = false });
    }

    private static async Task<T> WithProgressAsync<T>(Ui ui, Func<Action<ProgressEvent>, Task<T>> work)
    {
        T result = default!;
        await ui.Status.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var rows = new ProgressRows(ctx);
                result = await work(rows.On).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    private static bool SavePlanOf(ParseResult p)
    {
        if (!p.GetValue(GlobalOptions.SavePlan)) return false;
        if (!p.GetValue(GlobalOptions.DryRun)) throw SmctlException.Usage("--save-plan only goes with --dry-run.", "run the command with --dry-run --save-plan, then 'smctl plan apply ID'");
        return true;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

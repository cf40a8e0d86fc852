using System.Text.Json;
using Smctl.Core.Errors;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Plans;

/// <summary>Where runs live: .smctl/state/run.json (the run in progress or interrupted), last-run.json (for undo), and the lock.</summary>
public sealed class RunStore(string smctlDir)
{
    private readonly object _saving = new();

    public string StateDir { get; } = SmctlLayout.StateDir(smctlDir);
    public string RunFile => Path.Combine(StateDir, "run.json");
    public string LastFile => Path.Combine(StateDir, "last-run.json");
    public string LockFile => Path.Combine(StateDir, "lock");

    public RunState? Current() => Read(RunFile);
    public RunState? Last() => Read(LastFile);

    public void Save(RunState state)
    {
        lock (_saving) Write(RunFile, state);
    }

    /// <summary>
    /// Saves the state now and on the disk (fsync of the file and its folder): before a step whose effect a lagging
    /// state would lose track of (a push abort must know of, a branch deletion) and after a push.
    /// </summary>
    public void SaveDurably(RunState state)
    {
        ThrowIfSaveFailed();
        lock (_saving) Write(RunFile, state, durable: true);
    }

    /// <summary>Why the background saver could not write the state (a full disk), once it failed; the run stops at its next step.</summary>
    public Exception? SaveFailure { get; private set; }

    /// <summary>Stops the run when its state cannot be written: going on would do steps nothing records.</summary>
    public void ThrowIfSaveFailed()
    {
        if (SaveFailure is { } e)
            throw new SmctlException(ErrorKind.Workspace, $"could not save the run's state to {RunFile}: {e.Message}",
                suggestion: "free some space (or fix the folder's permissions), then 'smctl continue' or 'smctl abort'");
    }

    private readonly object _pending = new();
    private RunState? _soon;
    private Task _writer = Task.CompletedTask;
    private bool _writing;
    private TaskCompletionSource _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a save waits after the previous write: a run's steps end in bursts, and each write is the whole state.</summary>
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Saves the state without waiting for the disk: the steps of the other repos go on while it is written, and the
    /// saves of a burst (at most one write per <see cref="SaveInterval"/>) become one write of the latest state. Safe
    /// because every step skips itself when already done, so a state that lags a few steps behind (the process killed
    /// meanwhile) only makes 'continue' check those steps again.
    /// </summary>
    public void SaveSoon(RunState state)
    {
        lock (_pending)
        {
            _soon = state;
            if (_writing) return;
            _writing = true;
            _writer = Task.Run(WriteSoonAsync);
        }
    }

    private async Task WriteSoonAsync()
    {
        while (true)
        {
            RunState next;
            Task hurry;
            lock (_pending)
            {
                if (_soon is null) { _writing = false; return; }
                next = _soon;
                _soon = null;
                hurry = _hurry.Task;
            }
            try
            {
                lock (_saving) Write(RunFile, next);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Kept for the run to stop on: an exception here would end the process with a stack trace.
                SaveFailure ??= e;
            }
            // A write done, the next one waits: the steps finishing meanwhile are saved together.
            await Task.WhenAny(Task.Delay(SaveInterval), hurry).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every state handed to <see cref="SaveSoon"/> is on disk (without the pause between writes).</summary>
    public void Flush()
    {
        lock (_pending) _hurry.TrySetResult();
        while (true)
        {
            Task writer;
            lock (_pending)
            {
                if (!_writing && _soon is null)
                {
                    _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    return;
                }
                writer = _writer;
            }
            writer.Wait();
        }
    }

    /// <summary>The run is over: it becomes the one 'undo' reverses.</summary>
    public void Finish(RunState state)
    {
        lock (_saving)
        {
            Write(LastFile, state);
            File.Delete(RunFile);
        }
    }

    /// <summary>Forgets the current run (after abort).</summary>
    public void Discard(RunState state)
    {
        lock (_saving) File.Delete(RunFile);
    }

    /// <summary>Refuses a new mutating command while a run waits for continue/skip/abort.</summary>
    public void EnsureNoInterruptedRun()
    {
        var run = Current();
        if (run is { Phase: RunPhase.Aborting })
            throw new SmctlException(ErrorKind.Workspace, $"the abort of '{run.Plan.Command}' ({run.Plan.Id}) was interrupted and is waiting",
                suggestion: "run 'smctl abort' to put back the remaining repos");
        if (run is not null)
            throw new SmctlException(ErrorKind.Workspace, $"the run '{run.Plan.Command}' ({run.Plan.Id}) was interrupted and is waiting",
                suggestion: "run 'smctl continue' to finish it, 'smctl skip' to give up the failed repos' remaining steps, or 'smctl abort' to put everything back");
    }

    /// <summary>Who holds the lock, for the message a refused command gives (the lock file itself cannot be read while locked).</summary>
    public string OwnerFile => Path.Combine(StateDir, "lock.owner");

    /// <summary>
    /// One mutating command per workspace at a time, across processes and within one (the MCP server runs tool
    /// calls concurrently). The lock is the kernel's (flock, which .NET takes for FileShare.None) on an open
    /// file: it is released when its holder exits or dies, so a lock is never left behind, and no two takers
    /// can both win, as they could with a lock file that a process creates, then writes its pid into, and that
    /// another deletes when it finds no live pid in it (formal/run.pml, BROKEN_LOCK).
    /// </summary>
    public IDisposable Lock(string command)
    {
        Directory.CreateDirectory(StateDir);
        FileStream held;
        try
        {
            held = new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(LockFile))
        {
            throw Refused();
        }
        try
        {
            IO.AtomicFile.WriteAllText(OwnerFile, $"{Environment.ProcessId} {command}", durable: false);
        }
        catch
        {
            held.Dispose();
            throw;
        }
        return new Held(held, OwnerFile);
    }

    private SmctlException Refused()
    {
        var owner = File.Exists(OwnerFile) ? File.ReadAllText(OwnerFile).Split(' ', 2) : [];
        var suggestion = "wait for it to finish and try again";
        // A stale owner file (its holder died, the new one has not written its own yet) names nobody.
        if (owner.Length == 2 && int.TryParse(owner[0], out var pid) && Alive(pid))
            return new SmctlException(ErrorKind.Workspace, pid == Environment.ProcessId
                ? $"this smctl is already running '{owner[1]}' in this workspace"
                : $"another smctl (pid {pid}) is running '{owner[1]}' in this workspace", suggestion: suggestion);
        return new SmctlException(ErrorKind.Workspace, "another smctl is running a command in this workspace", suggestion: suggestion);
    }

    private static bool Alive(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private sealed class Held(FileStream stream, string ownerFile) : IDisposable
    {
        public void Dispose()
        {
            // The owner file goes first, while the lock still keeps the next holder from writing its own.
            File.Delete(ownerFile);
            stream.Dispose();
        }
    }

    private static RunState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        string? problem;
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllText(path), RunStateJson.Default.RunState);
            problem = state is null ? "it holds null" : state.Problem();
            if (problem is null) return state;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException) { problem = e.Message; }
        throw new SmctlException(ErrorKind.Workspace, $"{path} is damaged: {problem}", suggestion: "delete it to forget that run (the repos stay as they are)");
    }

    /// <summary>The state is read under its own lock, as the steps record their progress under it.</summary>
    private static void Write(string path, RunState state, bool durable = false)
    {
        string json;
        lock (state) json = JsonSerializer.Serialize(state, RunStateJson.Default.RunState);
        IO.AtomicFile.WriteAllText(path, json, durable);
    }
}

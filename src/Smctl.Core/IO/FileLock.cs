using Smctl.Core.Errors;

namespace Smctl.Core.IO;

/// <summary>
/// One writer at a time for a file people and tools both edit (the manifest, the user config). The lock is an
/// advisory one on a lock file of its own (.NET takes flock for FileShare.None), so the kernel drops it when the
/// holder dies however it dies: a kill never leaves a stale lock behind.
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FileStream _held;

    private FileLock(FileStream held) => _held = held;

    /// <summary>Waits (up to 30 s) while another smctl writes <paramref name="path"/>, then holds <paramref name="lockPath"/> until disposed.</summary>
    public static FileLock Acquire(string path, string lockPath, ErrorKind kind)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var pause = 5; ; pause = Math.Min(pause * 2, 100))
        {
            try
            {
                return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < Patience)
            {
                Thread.Sleep(pause);
            }
            catch (IOException e)
            {
                throw new SmctlException(kind, $"another smctl has been writing {path} for {Patience.TotalSeconds:0} s: {e.Message}",
                    "wait for it to finish, then try again");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SmctlException(kind, $"cannot lock {path} for writing: {e.Message}");
            }
        }
    }

    public void Dispose() => _held.Dispose();
}

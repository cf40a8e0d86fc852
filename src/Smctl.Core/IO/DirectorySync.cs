using System.Runtime.InteropServices;

namespace Smctl.Core.IO;

/// <summary>
/// fsync of a folder: a file renamed into place survives a power loss only once the folder's entry is on the disk too.
/// .NET has no call for it, so on Linux and macOS it is libc's open(O_RDONLY) and fsync; elsewhere it does nothing.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string dir)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        var fd = Open(dir, 0);
        if (fd < 0) return;
        try { _ = Fsync(fd); }
        finally { _ = Close(fd); }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}

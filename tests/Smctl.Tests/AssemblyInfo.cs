// The tests drive git, shells and POSIX file modes: they run on Linux (and CI does).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

using Smctl.Cli.Commands.Shared;
using Smctl.Core.Catalog;

namespace Smctl.Cli.Commands.Build;

/// <summary>smctl build clean-cache: forget the recorded builds.</summary>
public static class CleanCacheCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.BuildCleanCache, "clean-cache",
            (r, ui) => ui.Info($"forgot the recorded builds of {r.Forgotten} repo(s)")).WithExamples("smctl build clean-cache");
}

using Smctl.Core.Config;
using Smctl.Core.Exec;
using Smctl.Core.Workspace;

namespace Smctl.Core.Operations;

/// <summary>Every capability of smctl, declared once; the CLI and the MCP server are both derived from this list.</summary>
public static class OperationCatalog
{
    public static readonly WorkspaceInit WorkspaceInit = new();
    public static readonly WorkspaceAdd WorkspaceAdd = new();
    public static readonly WorkspaceRemove WorkspaceRemove = new();
    public static readonly WorkspaceStatus WorkspaceStatus = new();
    public static readonly WorkspaceSync WorkspaceSync = new();
    public static readonly WorkspaceList WorkspaceList = new();
    public static readonly WorkspaceCheckout WorkspaceCheckout = new();
    public static readonly ExecRun Exec = new();
    public static readonly ConfigShow ConfigShow = new();
    public static readonly ConfigGet ConfigGet = new();
    public static readonly ConfigSet ConfigSet = new();

    public static readonly IReadOnlyList<IOperation> All =
    [
        WorkspaceInit, WorkspaceAdd, WorkspaceRemove, WorkspaceStatus, WorkspaceSync, WorkspaceList, WorkspaceCheckout,
        Exec, ConfigShow, ConfigGet, ConfigSet,
    ];
}

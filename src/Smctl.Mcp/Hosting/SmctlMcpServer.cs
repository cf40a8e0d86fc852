using System.Reflection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Smctl.Core.Catalog;
using Smctl.Mcp.Prompts;
using Smctl.Mcp.Resources;
using Smctl.Mcp.Tools;

namespace Smctl.Mcp.Hosting;

/// <summary>smctl as an MCP server: the catalog's operations as tools, the workspace as resources, and a few prompts.</summary>
public sealed class SmctlMcpServer : IDisposable
{
    private readonly ToolCatalog _tools;
    private readonly ResourceCatalog _resources;
    private readonly Subscriptions _subscriptions;
    private readonly WorkspaceWatcher _watcher;
    private readonly ServeSettings _settings;

    public SmctlMcpServer(ServeSettings settings)
    {
        _settings = settings;
        var logger = settings.LoggerFactory.CreateLogger("smctl.mcp");
        _tools = new ToolCatalog(settings, OperationCatalog.All);
        _resources = new ResourceCatalog(settings);
        _subscriptions = new Subscriptions(logger);
        _watcher = new WorkspaceWatcher(settings, _subscriptions, logger);
    }

    public static string Version =>
        typeof(SmctlMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Fills the SDK's options (the same for every transport).</summary>
    public void Configure(McpServerOptions options)
    {
        options.ServerInfo = new Implementation { Name = "smctl", Title = "smctl", Version = Version };
        options.ServerInstructions =
            "smctl drives the git repositories of one workspace together: status, git flow (feature/release/hotfix), worktrees, builds. "
            + "Mutating tools take dryRun: a dry run returns the plan and a planId that smctl_plan_apply executes exactly. "
            + "Destructive tools take confirm: set it only after the user agreed to what the refusal asked. "
            + MoreTools()
            + "Read smctl://workspace/status first; an interrupted run shows in smctl://flow/run.";
        options.Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = true },
            Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
            Prompts = new PromptsCapability { ListChanged = false },
            Completions = new CompletionsCapability(),
        };
        var handlers = options.Handlers;
        handlers.ListToolsHandler = (request, _) => ValueTask.FromResult(new ListToolsResult { Tools = _tools.ListFor(request.Server) });
        handlers.CallToolHandler = _tools.CallAsync;
        handlers.ListResourcesHandler = _resources.ListAsync;
        handlers.ListResourceTemplatesHandler = _resources.ListTemplatesAsync;
        handlers.ReadResourceHandler = _resources.ReadAsync;
        handlers.SubscribeToResourcesHandler = (request, ct) =>
        {
            _watcher.EnsureStarted();
            return _subscriptions.SubscribeAsync(request, ct);
        };
        handlers.UnsubscribeFromResourcesHandler = _subscriptions.UnsubscribeAsync;
        handlers.SubscriptionsListenHandler = (request, ct) =>
        {
            _watcher.EnsureStarted();
            return _subscriptions.ListenAsync(request, ct);
        };
        handlers.ListPromptsHandler = PromptCatalog.ListAsync;
        handlers.GetPromptHandler = PromptCatalog.GetAsync;
        handlers.CompleteHandler = PromptCatalog.Complete(_settings);
        if (ConformanceFixtures.Enabled(_settings.GetEnvironment)) ConformanceFixtures.Add(handlers);
    }

    /// <summary>Where the other tools are, when the server lists only some toolsets at a session's start.</summary>
    private string MoreTools()
    {
        var others = Toolsets.All.Where(t => !_settings.Toolsets.Contains(t)).Select(t => t.Name).ToList();
        return others.Count == 0 ? "" : $"More tools ({string.Join(", ", others)}): {ToolsetEnable.Name}. ";
    }

    public void Dispose() => _watcher.Dispose();
}

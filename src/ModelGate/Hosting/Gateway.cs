using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ModelGate.Endpoints;
using ModelGate.Models;
using ModelGate.Protocol;
using ModelGate.Routing;
using ModelGate.Telemetry;

namespace ModelGate.Hosting;

/// <summary>A running gateway: its addresses, its state, and how to stop it (tests start several in one process).</summary>
public sealed class Gateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Gateway(WebApplication app, GatewayState state, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        State = state;
        Addresses = addresses;
    }

    public GatewayState State { get; }
    public IReadOnlyList<Uri> Addresses { get; }
    public Uri BaseAddress => Addresses[0];

    public static async Task<Gateway> StartAsync(GatewayOptions options, CancellationToken ct = default)
    {
        var log = new GatewayLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new GatewayLogProvider(log));
        if (options.ConsoleLog) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("modelgate");
        var sessionOptions = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = options.IntraOpThreads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        var models = new ModelRepository(options.ModelsDir is null ? null : Path.GetFullPath(options.ModelsDir), sessionOptions, logger);
        var state = new GatewayState(models, new RouteTable(models.Root), new Forwarder(options.UpstreamTimeout), log, options);
        models.LoadAll();
        app.Use(ErrorsAsync);
        Metadata.Map(app, state);
        Infer.Map(app, state);
        Repository.Map(app, state);
        Routes.Map(app, state);
        Statistics.Map(app, state);
        Logs.Map(app, state);
        app.MapFallback(context => HttpIo.WriteErrorAsync(context, 404, $"no endpoint {context.Request.Method} {context.Request.Path}"));
        app.Lifetime.ApplicationStopping.Register(() => { models.Dispose(); state.Forwarder.Dispose(); });
        await app.StartAsync(ct).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        logger.LogInformation("modelgate {Version} listening on {Addresses}, serving {Count} model(s){From}", GatewayState.Version, string.Join(", ", addresses),
            models.Models.Count, models.Root is null ? "" : $" from {models.Root}");
        return new Gateway(app, state, addresses);
    }

    /// <summary>Every failure answers {"error": "…"} with its status; an unexpected one is logged and answers 500.</summary>
    private static async Task ErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ProtocolException e) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteErrorAsync(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var message = e.StatusCode == 413 ? "the request body is larger than the gateway's limit (modelgate serve --max-body-mb)" : e.Message;
            await HttpIo.WriteErrorAsync(context, e.StatusCode, message).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("modelgate").LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await HttpIo.WriteErrorAsync(context, 500, $"internal error: {e.Message}").ConfigureAwait(false);
        }
    }

    public Task WaitForShutdownAsync() => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

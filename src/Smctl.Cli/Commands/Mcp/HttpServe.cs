using Microsoft.Extensions.Logging;
using Smctl.Mcp.Hosting;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>What 'serve --mcp --http|--sse' was asked for.</summary>
public sealed record HttpListen(string Host, int Port, bool Sse, string? Token);

/// <summary>
/// The HTTP transports: in-process in the managed build; in the NativeAOT build through the smctl-mcp-http
/// companion installed beside smctl, which keeps ASP.NET Core out of every other command's start-up.
/// </summary>
public static class HttpServe
{
    public static async Task<int> RunAsync(ServeSettings settings, HttpListen listen, LogLevel level, CliHost host, CancellationToken ct)
    {
#if HTTP_IN_PROCESS
        await Smctl.Mcp.Http.HttpHost.RunAsync(settings, new Smctl.Mcp.Http.HttpListenOptions(listen.Host, listen.Port, listen.Sse, listen.Token), level,
            url =>
            {
                host.Err.WriteLine(Smctl.Mcp.Http.HttpHost.ListeningLine(url, listen.Sse));
                host.Err.Flush();
            }, ct).ConfigureAwait(false);
        return 0;
#else
        // Names are written in full here: the in-process build does not compile this branch, so usings for it would be unused there.
        var companion = Path.Combine(AppContext.BaseDirectory, "smctl-mcp-http");
        if (!File.Exists(companion))
            throw new Smctl.Core.Errors.SmctlException(Smctl.Core.Errors.ErrorKind.General, $"the HTTP transport needs {companion}, which is not installed beside smctl",
                "reinstall smctl from its tarball (it ships both programs), or use --stdio");
        var psi = new System.Diagnostics.ProcessStartInfo(companion) { WorkingDirectory = settings.CurrentDirectory };
        foreach (var a in new[] { "--host", listen.Host, "--port", listen.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        if (listen.Sse) psi.ArgumentList.Add("--sse");
        if (settings.WorkspacePath is { } ws) { psi.ArgumentList.Add("--workspace"); psi.ArgumentList.Add(ws); }
        if (settings.UserConfigPath is { } config) { psi.ArgumentList.Add("--config"); psi.ArgumentList.Add(config); }
        if (settings.AllowUserConfig) psi.ArgumentList.Add("--allow-user-config");
        psi.ArgumentList.Add("--toolsets");
        psi.ArgumentList.Add(string.Join(",", settings.Toolsets.Select(t => t.Name)));
        psi.Environment["SMCTL_MCP_TOKEN"] = listen.Token ?? "";
        psi.Environment["SMCTL_LOG"] = level.ToString();
        using var child = System.Diagnostics.Process.Start(psi)!;
        try
        {
            await child.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped (Ctrl-C, SIGTERM): ask the companion to stop as well, so it finishes its calls and exits 0;
            // only one that does not stop in time is killed.
            _ = SendSignal(child.Id, SigTerm);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await child.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        return child.ExitCode;
#endif
    }

#if !HTTP_IN_PROCESS
    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
#endif
}

using Smctl.Cli;

// Scripts call `smctl --version` to probe for smctl: answer without building the command tree.
if (args is ["--version"])
{
    Console.Out.WriteLine(SmctlApp.Version);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C asks every running child to stop; the operation reports what it finished.
    e.Cancel = true;
    cancel.Cancel();
};
return await SmctlApp.RunAsync(args, CliHost.FromConsole(), cancel.Token);

using System.CommandLine;
using ModelGate.Hosting;

// modelgate: an Open Inference Protocol (KServe V2) gateway over ONNX Runtime.
var models = new Option<string?>("--models") { Description = "Model repository folder: DIR/<model>/<version>/model.onnx (as Triton's)", HelpName = "DIR" };
var urls = new Option<string>("--urls") { Description = "Where to listen (comma-separated)", DefaultValueFactory = _ => "http://127.0.0.1:8080", HelpName = "URL" };
var maxBody = new Option<int>("--max-body-mb") { Description = "Largest request body accepted, in MiB (413 beyond it)", DefaultValueFactory = _ => 64 };
var threads = new Option<int>("--intra-op-threads") { Description = "ONNX Runtime threads per inference (requests run concurrently)", DefaultValueFactory = _ => 1 };
var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not print log lines (they stay available at /v2/logs)" };

var serve = new Command("serve", "Serve every ONNX model of a model repository over the Open Inference Protocol (REST), with routing, statistics and logs")
{
    models, urls, maxBody, threads, quiet,
};
serve.SetAction(async (parse, ct) =>
{
    var options = new GatewayOptions
    {
        ModelsDir = parse.GetValue(models),
        Urls = parse.GetValue(urls)!,
        MaxBodyBytes = parse.GetValue(maxBody) * 1024L * 1024,
        IntraOpThreads = Math.Max(1, parse.GetValue(threads)),
        ConsoleLog = !parse.GetValue(quiet),
    };
    if (options.ModelsDir is { } dir && File.Exists(dir))
    {
        Console.Error.WriteLine($"modelgate: --models {dir} is a file; give the repository folder (DIR/<model>/<version>/model.onnx)");
        return 2;
    }
    try
    {
        await using var gateway = await Gateway.StartAsync(options, ct);
        await gateway.WaitForShutdownAsync();
        return 0;
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"modelgate: cannot listen on {options.Urls}: {e.Message}");
        return 1;
    }
});
var root = new RootCommand("ModelGate: an Open Inference Protocol (KServe V2) gateway over ONNX Runtime. Example: modelgate serve --models ./models --urls http://127.0.0.1:8080") { serve };
return await root.Parse(args).InvokeAsync();

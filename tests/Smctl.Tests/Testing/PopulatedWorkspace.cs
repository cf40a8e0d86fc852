using ModelGate.Hosting;
using ModelGate.Tests.Testing;

namespace Smctl.Tests.Testing;

/// <summary>
/// A workspace with something for every command to work on: repos with remotes (one the smctl home), git flow set
/// up, a build history, a started feature with a commit, an OpenSpec change, a release and a hotfix branch, a
/// worktree set, a saved plan, a user config, dirty work and an untracked file, and a live gateway with a model and
/// a route.
/// </summary>
public sealed class PopulatedWorkspace : IAsyncDisposable
{
    private readonly TempDir _models = new();

    public WorkspaceFixture Ws { get; } = new("alpha", "beta", "docs", "gamma");
    public Gateway Gateway { get; private set; } = null!;
    public string ModelsDir => _models.Path;
    /// <summary>The saved plan of 'flow feature finish f1 --dry-run --save-plan'.</summary>
    public string PlanId { get; private set; } = "";
    /// <summary>A request the gateway's 'add' model answers.</summary>
    public string AddRequest => Path.Combine(Ws.Ws, "request.json");

    public static async Task<PopulatedWorkspace> CreateAsync()
    {
        var populated = new PopulatedWorkspace();
        await populated.FillAsync();
        return populated;
    }

    private async Task FillAsync()
    {
        OnnxModels.WriteTo(_models.Path, "add", "1", OnnxModels.Add());
        Gateway = await Gateway.StartAsync(new GatewayOptions { ModelsDir = _models.Path, Urls = "http://127.0.0.1:0" });
        var url = Gateway.BaseAddress.ToString().TrimEnd('/');
        File.WriteAllText(Ws.Manifest, File.ReadAllText(Ws.Manifest)
            .Replace("name = \"docs\"", "name = \"docs\"\nsmctl_home = true")
            .Replace("name = \"alpha\"", $"name = \"alpha\"\nbuild_cmd = \"echo built >> {Ws.Root}/built.txt\"\ntest_cmd = \"touch tested\"")
            + $"\n[gate]\ninstances = [\"{url}\"]\n");
        Directory.CreateDirectory(Path.Combine(Ws.UserConfigHome, "smctl"));
        File.WriteAllText(Path.Combine(Ws.UserConfigHome, "smctl", "config.toml"), "[user]\nname = \"Dry Runner\"\nemail = \"dry@example.com\"\n");
        File.WriteAllBytes(Path.Combine(Ws.Ws, "model.onnx"), await File.ReadAllBytesAsync(Directory.GetFiles(_models.Path, "*.onnx", SearchOption.AllDirectories)[0]));
        File.WriteAllText(AddRequest, """{"inputs":[{"name":"a","shape":[2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2],"datatype":"FP32","data":[10,20]}]}""");

        Directory.CreateDirectory(Path.Combine(Ws.Repo("docs"), "openspec", "specs"));
        Directory.CreateDirectory(Path.Combine(Ws.Repo("docs"), "openspec", "changes"));
        await Ws.SmctlOk("flow", "init");
        await Ws.SmctlOk("build");
        await Ws.SmctlOk("flow", "feature", "start", "f1", "--repos", "alpha,beta");
        Git.Commit(Ws.Repo("alpha"), "f1.txt", "f1\n", "work on f1");
        await Ws.SmctlOk("spec", "new", "add-login", "--no-branch");
        await Ws.SmctlOk("flow", "release", "start", "0.9.0", "--repos", "docs");
        await Ws.SmctlOk("flow", "hotfix", "start", "0.0.1", "--repos", "beta", "--no-checkout");
        await Ws.SmctlOk("worktree", "add", "wt1", "--repos", "beta");
        await Ws.SmctlOk("gate", "routes", "set", "add", "1");
        PlanId = (await Ws.SmctlOk("flow", "feature", "finish", "f1", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        // Dirty work and an untracked file: what a dry run must leave exactly as it is.
        File.AppendAllText(Path.Combine(Ws.Repo("gamma"), "README.md"), "edited\n");
        File.WriteAllText(Path.Combine(Ws.Repo("gamma"), "notes.txt"), "mine\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Ws.Dispose();
        _models.Dispose();
    }
}

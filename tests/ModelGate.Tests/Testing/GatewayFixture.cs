using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Hosting;

namespace ModelGate.Tests.Testing;

/// <summary>A real gateway on a free loopback port over a temporary model repository, and an HTTP client to it.</summary>
public sealed class GatewayFixture : IAsyncDisposable
{
    public string ModelsDir { get; } = Path.Combine(Path.GetTempPath(), "modelgate-tests", Guid.NewGuid().ToString("N")[..12]);
    public Gateway Gateway { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static async Task<GatewayFixture> StartAsync(Action<string>? seed = null, long maxBodyBytes = 64L * 1024 * 1024)
    {
        var fixture = new GatewayFixture();
        Directory.CreateDirectory(fixture.ModelsDir);
        seed?.Invoke(fixture.ModelsDir);
        fixture.Gateway = await Gateway.StartAsync(new GatewayOptions { ModelsDir = fixture.ModelsDir, Urls = "http://127.0.0.1:0", MaxBodyBytes = maxBodyBytes });
        fixture.Http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        return fixture;
    }

    public async Task<(int Status, JsonNode? Json)> PostJsonAsync(string path, string json)
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Xunit.TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<(int Status, JsonNode? Json)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path, Xunit.TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        try { Directory.Delete(ModelsDir, recursive: true); }
        catch (IOException) { }
    }
}

using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Gate.Shared;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Core.Gate;

public sealed record GateModelsAddInput
{
    [Description("The ONNX model file to add")]
    [WorkspacePath]
    [Argument(0)]
    public required string Path { get; init; }
    [Description("Model name (default: from the path)")]
    public string? Name { get; init; }
    [Description("Version to add it as (default: from the path, else 1)")]
    public string? Version { get; init; }
    [Description(GateTargets.UrlDescription)]
    [Option(HelpName = "URL")]
    public string? Url { get; init; }
}

public sealed record GateModelsAddResult(string Url, string Name, string Version, long Bytes, GateModel Model);

/// <summary>Uploads an ONNX model to a gateway (the model-repository extension's load, with the file in the request) and shows it loaded.</summary>
public sealed partial class GateModelsAdd : IOperation<GateModelsAddInput, GateModelsAddResult>
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ModelName();

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex VersionName();

    public OperationInfo Info { get; } = new("gate.models.add",
        "Upload an ONNX model to a ModelGate (or Triton) server and serve it at once.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);
    public JsonTypeInfo<GateModelsAddInput> InputJson => SmctlJson.Default.GateModelsAddInput;
    public JsonTypeInfo<GateModelsAddResult> ResultJson => SmctlJson.Default.GateModelsAddResult;

    public async Task<GateModelsAddResult> RunAsync(SmctlContext context, GateModelsAddInput input, CancellationToken ct)
    {
        var path = System.IO.Path.GetFullPath(input.Path, context.CurrentDirectory);
        if (!File.Exists(path)) throw SmctlException.Usage($"{input.Path}: no such file", "give the path of an .onnx model");
        var (name, version) = NameAndVersion(context, path, input.Name, input.Version);
        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        // An ONNX file is a protobuf ModelProto, which starts with its ir_version field (tag 0x08).
        if (bytes.Length == 0 || bytes[0] != 0x08)
            throw SmctlException.Usage($"{input.Path} is not an ONNX model (it does not start as an ONNX ModelProto does)", "export the model to ONNX first");
        var client = GateTargets.One(context, input.Url);
        await client.RequireAsync(GateClient.ModelRepository, "add models", ct).ConfigureAwait(false);
        if (context.DryRun)
            return new GateModelsAddResult(client.Name, name, version, bytes.Length, new GateModel(name, [version], "PLANNED", null, null, null, null));
        await client.LoadAsync(name, new Dictionary<string, byte[]> { [$"{version}/model.onnx"] = bytes }, ct).ConfigureAwait(false);
        var meta = await client.ModelAsync(name, null, ct).ConfigureAwait(false);
        return new GateModelsAddResult(client.Name, name, version, bytes.Length,
            new GateModel(name, meta.Versions ?? [version], "READY", null, meta.Platform, meta.Inputs ?? [], meta.Outputs ?? []));
    }

    private static (string Name, string Version) NameAndVersion(SmctlContext context, string path, string? name, string? version)
    {
        var dir = System.IO.Path.GetDirectoryName(path)!;
        var inLayout = System.IO.Path.GetFileName(path) == "model.onnx" && VersionName().IsMatch(System.IO.Path.GetFileName(dir));
        name ??= inLayout ? System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(dir)) : System.IO.Path.GetFileNameWithoutExtension(path);
        version ??= inLayout ? System.IO.Path.GetFileName(dir) : "1";
        if (name is null || !ModelName().IsMatch(name)) throw SmctlException.Usage($"'{name}' is not a model name", $"use letters, digits, '.', '_' and '-' ({context.Option("name")})");
        if (!VersionName().IsMatch(version)) throw SmctlException.Usage($"'{version}' is not a model version", $"a version is a number ({context.Option("version")} 2)");
        return (name, version);
    }
}

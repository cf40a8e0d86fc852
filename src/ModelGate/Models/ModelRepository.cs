using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ModelGate.Protocol;

namespace ModelGate.Models;

/// <summary>A model of the repository and where it stands: READY with its versions, or UNAVAILABLE and why.</summary>
public sealed record ModelEntry(string Name, IReadOnlyList<ModelVersion> Versions, string State, string Reason);

/// <summary>An entry of the repository index (the model-repository extension's $repository_index_response).</summary>
public sealed record IndexEntry(string Name, string? Version, string State, string Reason);

/// <summary>
/// The models the gateway serves: every ONNX model of a repository folder laid out as Triton's
/// (DIR/&lt;model&gt;/&lt;version&gt;/model.onnx), loaded at start, and loaded, reloaded (from the folder or from files a
/// request uploads) and unloaded on request. A model that fails to load is reported; the others keep serving.
/// </summary>
public sealed partial class ModelRepository(string? root, SessionOptions sessionOptions, ILogger logger) : IDisposable
{
    public const string ModelFile = "model.onnx";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ModelName();

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex VersionName();

    private readonly Lock _changing = new();
    private volatile Dictionary<string, ModelEntry> _models = new(StringComparer.Ordinal);

    public string? Root => root;

    /// <summary>A model name that can be a folder: letters, digits, '.', '_', '-' (no path tricks).</summary>
    public static string CheckName(string name) =>
        ModelName().IsMatch(name) && name is not ("." or "..") ? name : throw ProtocolException.BadRequest($"'{name}' is not a valid model name: use letters, digits, '.', '_' and '-'");

    public static bool IsVersion(string version) => VersionName().IsMatch(version);

    public void LoadAll()
    {
        if (root is null) return;
        Directory.CreateDirectory(root);
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.') || !ModelName().IsMatch(name)) continue;
            try { Load(name); }
            catch (ProtocolException e) { logger.LogWarning("{Model}: not loaded: {Reason}", name, e.Message); }
        }
    }

    public IReadOnlyCollection<ModelEntry> Models => _models.Values;

    /// <summary>A version to serve: the one named, else the newest; 404 for an unknown model, 503 for one not loaded.</summary>
    public ModelVersion Resolve(string name, string? version)
    {
        if (!_models.TryGetValue(name, out var entry)) throw ProtocolException.NotFound($"unknown model '{name}'");
        if (entry.State != "READY") throw ProtocolException.Unavailable($"model '{name}' is not ready: {entry.Reason}");
        if (version is null) return entry.Versions[^1];
        return entry.Versions.FirstOrDefault(v => v.Version == version)
            ?? throw ProtocolException.NotFound($"model '{name}' has no version {version} (it has {string.Join(", ", entry.Versions.Select(v => v.Version))})");
    }

    public ModelEntry? Find(string name) => _models.GetValueOrDefault(name);

    /// <summary>
    /// (Re)loads a model from the repository folder, or from uploaded files ("&lt;version&gt;/model.onnx" → bytes), which are
    /// written into the folder once every one of them has loaded. Nothing changes when any version fails.
    /// </summary>
    public ModelEntry Load(string name, IReadOnlyDictionary<string, byte[]>? uploads = null)
    {
        CheckName(name);
        lock (_changing)
        {
            var versions = new List<ModelVersion>();
            try
            {
                if (uploads is { Count: > 0 })
                {
                    foreach (var (path, bytes) in uploads.OrderBy(u => u.Key, StringComparer.Ordinal))
                    {
                        var version = UploadVersion(path);
                        versions.Add(Create(name, version, () => new InferenceSession(bytes, sessionOptions)));
                    }
                    if (root is not null)
                        foreach (var (path, bytes) in uploads) WriteAtomically(Path.Combine(root, name, UploadVersion(path), ModelFile), bytes);
                }
                else
                {
                    var dir = root is null ? null : Path.Combine(root, name);
                    if (dir is null || !Directory.Exists(dir)) throw ProtocolException.NotFound($"no model '{name}' in the repository{(root is null ? " (the gateway serves no folder)" : $" {root}")}");
                    foreach (var v in Directory.EnumerateDirectories(dir).Select(Path.GetFileName).Where(v => IsVersion(v!)).OrderBy(v => long.Parse(v!)))
                    {
                        var file = Path.Combine(dir, v!, ModelFile);
                        if (File.Exists(file)) versions.Add(Create(name, v!, () => new InferenceSession(file, sessionOptions)));
                    }
                    if (versions.Count == 0) throw ProtocolException.BadRequest($"model '{name}' has no version folder with a {ModelFile} in {dir}");
                }
            }
            catch
            {
                foreach (var v in versions) v.Retire();
                throw;
            }
            versions.Sort((a, b) => long.Parse(a.Version).CompareTo(long.Parse(b.Version)));
            var entry = new ModelEntry(name, versions, "READY", "");
            Swap(name, entry);
            logger.LogInformation("{Model}: loaded version{Plural} {Versions} (inputs {Inputs}; outputs {Outputs})", name, versions.Count == 1 ? "" : "s",
                string.Join(", ", versions.Select(v => v.Version)), Tensors(versions[^1].Inputs), Tensors(versions[^1].Outputs));
            return entry;
        }
    }

    public void Unload(string name)
    {
        lock (_changing)
        {
            if (!_models.TryGetValue(name, out var entry)) throw ProtocolException.NotFound($"unknown model '{name}'");
            Swap(name, entry with { Versions = [], State = "UNAVAILABLE", Reason = "unloaded" });
            logger.LogInformation("{Model}: unloaded", name);
        }
    }

    /// <summary>Every model of the folder and every loaded one, a line per version (the index of the model-repository extension).</summary>
    public IReadOnlyList<IndexEntry> Index(bool readyOnly)
    {
        var entries = new List<IndexEntry>();
        var known = _models;
        var names = new SortedSet<string>(known.Keys, StringComparer.Ordinal);
        if (root is not null && Directory.Exists(root))
            foreach (var dir in Directory.EnumerateDirectories(root)) if (Path.GetFileName(dir) is var n && ModelName().IsMatch(n)) names.Add(n);
        foreach (var name in names)
        {
            if (known.TryGetValue(name, out var entry) && entry.State == "READY")
                entries.AddRange(entry.Versions.Select(v => new IndexEntry(name, v.Version, "READY", "")));
            else if (!readyOnly)
                entries.Add(new IndexEntry(name, null, "UNAVAILABLE", entry?.Reason ?? "not loaded"));
        }
        return entries;
    }

    private void Swap(string name, ModelEntry entry)
    {
        var next = new Dictionary<string, ModelEntry>(_models, StringComparer.Ordinal) { [name] = entry };
        var old = _models.GetValueOrDefault(name);
        _models = next;
        if (old is not null) foreach (var v in old.Versions.Except(entry.Versions)) v.Retire();
    }

    private static string Tensors(IReadOnlyList<TensorInfo> tensors) =>
        string.Join(", ", tensors.Select(t => $"{t.Name} {t.Type.Name}[{string.Join(',', t.Shape)}]"));

    private static ModelVersion Create(string name, string version, Func<InferenceSession> open)
    {
        InferenceSession session;
        try { session = open(); }
        catch (OnnxRuntimeException e) { throw ProtocolException.BadRequest($"model '{name}' version {version} is not a model ONNX Runtime can load: {e.Message}"); }
        try { return new ModelVersion(name, version, session); }
        catch (ModelLoadException e)
        {
            session.Dispose();
            throw ProtocolException.BadRequest(e.Message);
        }
    }

    /// <summary>The version of an uploaded file's path, which must be "&lt;version&gt;/model.onnx".</summary>
    private static string UploadVersion(string path)
    {
        var parts = path.Split('/');
        if (parts.Length != 2 || !IsVersion(parts[0]) || parts[1] != ModelFile)
            throw ProtocolException.BadRequest($"uploaded file 'file:{path}' must be named file:<version>/{ModelFile} (a version is digits)");
        return parts[0];
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    public void Dispose()
    {
        foreach (var entry in _models.Values) foreach (var v in entry.Versions) v.Retire();
    }
}

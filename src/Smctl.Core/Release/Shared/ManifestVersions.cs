using System.Text.Json;
using System.Text.RegularExpressions;
using Smctl.Core.Errors;
using Smctl.Core.Toml;

namespace Smctl.Core.Release.Shared;

/// <summary>A manifest file's version, and the file's text with the new one (nothing else in it changed).</summary>
public sealed record VersionEdit(string File, string OldVersion, string NewText);

/// <summary>
/// The version fields smctl keeps in step with a release, in the files at a repo's root: Cargo.toml
/// (<c>[package]</c> or <c>[workspace.package]</c> version), <c>*.csproj</c> and Directory.Build.props
/// (<c>&lt;Version&gt;</c>), package.json (<c>"version"</c>). A recognised file whose version is missing or
/// malformed is an error, so a release never half-updates.
/// </summary>
public static partial class ManifestVersions
{
    [GeneratedRegex(@"<Version>\s*(?<v>[^<]*?)\s*</Version>")]
    private static partial Regex MsBuildVersion();

    /// <summary>The root files a release may edit: pass their names and texts (from the release branch) to <see cref="Plan"/>.</summary>
    public static bool Recognised(string name) =>
        name is "Cargo.toml" or "Directory.Build.props" or "package.json" || name.EndsWith(".csproj", StringComparison.Ordinal);

    /// <summary>The edits that set every recognised manifest among <paramref name="rootFiles"/> (name → text) to <paramref name="version"/>.</summary>
    public static IReadOnlyList<VersionEdit> Plan(string repo, IReadOnlyDictionary<string, string> rootFiles, string version)
    {
        var edits = new List<VersionEdit>();
        if (rootFiles.TryGetValue("Cargo.toml", out var cargo)) edits.Add(Cargo(repo, cargo, version));
        var hasProps = rootFiles.ContainsKey("Directory.Build.props");
        foreach (var (name, text) in rootFiles.Where(f => f.Key.EndsWith(".csproj", StringComparison.Ordinal) || f.Key == "Directory.Build.props").OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var match = MsBuildVersion().Match(text);
            // A project without <Version> takes it from Directory.Build.props: only the props file must have one.
            if (!match.Success)
            {
                if (name == "Directory.Build.props" || !hasProps) throw Problem(repo, name, "has no <Version> element");
                continue;
            }
            Check(repo, name, match.Groups["v"].Value);
            edits.Add(new VersionEdit(name, match.Groups["v"].Value, text[..match.Groups["v"].Index] + version + text[(match.Groups["v"].Index + match.Groups["v"].Length)..]));
        }
        if (rootFiles.TryGetValue("package.json", out var package)) edits.Add(PackageJson(repo, package, version));
        return edits;
    }

    private static VersionEdit Cargo(string repo, string text, string version)
    {
        const string path = "Cargo.toml";
        var toml = TomlFile.Parse(path, text, ErrorKind.Usage);
        var entry = toml.Entries().FirstOrDefault(e => e.Key == "version" && e.Table is "package" or "workspace.package")
            ?? throw Problem(repo, path, "has no version in [package] or [workspace.package]");
        if (entry.Value is not string old) throw Problem(repo, path, $"{entry.FullKey} is not a string");
        Check(repo, path, old);
        toml.Set(entry.Table, "version", TomlFile.Quote(version));
        return new VersionEdit("Cargo.toml", old, toml.ToString());
    }

    /// <summary>package.json's top-level "version", found with a JSON reader so that only its characters change.</summary>
    private static VersionEdit PackageJson(string repo, string text, string version)
    {
        const string path = "package.json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals("version")) continue;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) throw Problem(repo, path, "has a \"version\" that is not a plain string");
                var old = reader.GetString()!;
                Check(repo, path, old);
                var start = (int)reader.TokenStartIndex + 1; // after the opening quote
                var edited = bytes[..start].Concat(System.Text.Encoding.UTF8.GetBytes(version)).Concat(bytes[(start + reader.ValueSpan.Length)..]).ToArray();
                return new VersionEdit(path, old, System.Text.Encoding.UTF8.GetString(edited));
            }
        }
        catch (JsonException e)
        {
            throw Problem(repo, path, $"is not valid JSON ({e.Message})");
        }
        throw Problem(repo, path, "has no \"version\" string");
    }

    private static void Check(string repo, string path, string old)
    {
        if (!Semver.SemVersion.TryParse(old, Semver.SemVersionStyles.Strict, out _))
            throw Problem(repo, path, $"has the version '{old}', which is not a semantic version");
    }

    private static SmctlException Problem(string repo, string path, string what) =>
        new(ErrorKind.Usage, $"{repo}: {Path.GetFileName(path)} {what}", "fix the file (or remove it) before releasing; nothing was changed", repo);
}

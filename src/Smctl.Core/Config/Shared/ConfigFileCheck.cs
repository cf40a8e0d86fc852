using Smctl.Core.Errors;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Config.Shared;

/// <summary>Checks a whole config file's text (manifest or user config) the way smctl will read it.</summary>
public static class ConfigFileCheck
{
    /// <summary>Throws the first problem (file:line:col); returns the warnings.</summary>
    public static IReadOnlyList<string> Check(string path, string text, bool isManifest)
    {
        var warnings = new List<string>();
        var kind = isManifest ? ErrorKind.Workspace : ErrorKind.General;
        var file = TomlFile.Parse(path, text, kind);
        var layer = Settings.FileLayer(file.Entries(), isManifest ? ConfigScope.Workspace : ConfigScope.User, kind, warnings);
        if (isManifest)
        {
            var home = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path))!)!;
            ManifestReader.ReadRepos(file, ManifestReader.RootDir(layer, home), Path.Combine(home, SmctlLayout.FolderName), warnings);
        }
        return warnings;
    }
}

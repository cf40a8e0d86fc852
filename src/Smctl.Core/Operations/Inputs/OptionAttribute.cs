namespace Smctl.Core.Operations.Inputs;

/// <summary>What a front end can offer to complete a value with.</summary>
public enum Suggestions
{
    None,
    /// <summary>The workspace's repo names.</summary>
    RepoNames,
    /// <summary>The settings smctl knows (config keys).</summary>
    ConfigKeys,
    /// <summary>The feature names of the repos' feature branches, local or remote.</summary>
    FeatureNames,
    /// <summary>The versions of the repos' release and hotfix branches.</summary>
    FlowVersions,
    /// <summary>Every branch of the repos, local or remote.</summary>
    BranchNames,
    /// <summary>The ids of the active OpenSpec changes.</summary>
    ChangeIds,
}

/// <summary>
/// How an input property is spelt on the command line. Its help text is its <c>[Description]</c>, which the MCP
/// schema uses too; its allowed values are its enum's; its default is the property's own. A property without this
/// attribute is still an option, named after the property in kebab case (<c>NoFetch</c> → <c>--no-fetch</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionAttribute(string? name = null) : Attribute
{
    /// <summary>"--tag-message"; null: the property's name in kebab case.</summary>
    public string? Name { get; } = name;
    /// <summary>A short form, such as "-m".</summary>
    public string? Alias { get; init; }
    /// <summary>The placeholder help shows for the value ("TEXT"); null: one made from the type.</summary>
    public string? HelpName { get; init; }
    /// <summary>A list taking several values after one option (<c>--done 1.1 1.2</c>), besides commas and repeats.</summary>
    public bool SpaceSeparated { get; init; }
    public Suggestions Suggest { get; init; }
}

/// <summary>An input property given as a positional argument on the command line (its MCP name is unchanged).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ArgumentAttribute(int position) : Attribute
{
    public int Position { get; } = position;
    /// <summary>The placeholder in usage lines; null: the property's name in kebab case.</summary>
    public string? Name { get; init; }
    /// <summary>A list argument whose items may also be given as "a,b".</summary>
    public bool CommaSeparated { get; init; }
    public Suggestions Suggest { get; init; }
}

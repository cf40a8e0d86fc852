namespace Smctl.Core.Toml;

/// <summary>Where a value came from: a file position, an environment variable, a flag or a default.</summary>
public sealed record ValueOrigin(string Source, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
    public static readonly ValueOrigin Default = new("default");
}

/// <summary>One key of a TOML file read flat: table path, key, plain value and its position.</summary>
/// <param name="Table">The table it sits in: "" at the top, "flow", or "repos" for an entry of <c>[[repos]]</c>.</param>
/// <param name="Index">For <c>[[repos]]</c>-style tables, which entry (0-based); else -1.</param>
/// <param name="Value">string, bool, long, double, a List&lt;object?&gt; of those, or null for other kinds (dates, inline tables).</param>
public sealed record TomlEntry(string Table, int Index, string Key, object? Value, string TomlKind, ValueOrigin Origin)
{
    public string FullKey => Table.Length == 0 ? Key : $"{Table}.{Key}";
}

using System.CommandLine;
using System.CommandLine.Completions;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Config.Shared;
using Smctl.Core.Operations.Inputs;

namespace Smctl.Cli.Commands.Shared;

/// <summary>
/// The CLI face of an operation's input record: one option or argument per field, made from the record's own
/// declaration, and read back into the JSON arguments an MCP client would send, so both go through
/// <see cref="InputReader"/>. Nothing about an option is written here.
/// </summary>
public sealed class InputOptions
{
    private readonly List<(InputField Field, Symbol Symbol)> _symbols = [];

    /// <param name="presets">Fields an alias command fixes (feat: worktree = true): not offered as options.</param>
    public InputOptions(CliHost host, JsonTypeInfo input, IReadOnlyDictionary<string, JsonNode>? presets = null)
    {
        Presets = presets ?? new Dictionary<string, JsonNode>();
        Fields = InputField.Of(input);
        foreach (var field in Fields.Where(f => !Presets.ContainsKey(f.JsonName)))
            _symbols.Add((field, GlobalOptions.Named(field.CliName) ?? Create(host, field)));
    }

    public IReadOnlyList<InputField> Fields { get; }
    public IReadOnlyDictionary<string, JsonNode> Presets { get; }

    /// <summary>The symbols the command itself declares (a field named like a global option reads that one).</summary>
    public IEnumerable<Symbol> Symbols => _symbols.Select(s => s.Symbol).Where(s => s is Argument || !GlobalOptions.All.Contains(s));

    /// <summary>The arguments as JSON, exactly as an MCP client would pass them: only what was given.</summary>
    public JsonObject Read(ParseResult p)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in Presets) arguments[name] = value.DeepClone();
        foreach (var (field, symbol) in _symbols)
            if (ValueOf(p, field, symbol) is { } value) arguments[field.JsonName] = value;
        return arguments;
    }

    private static JsonNode? ValueOf(ParseResult p, InputField field, Symbol symbol)
    {
        switch (symbol)
        {
            case Option<bool> flag:
                return p.GetValue(flag) ? JsonValue.Create(true) : null;
            case Option<int?> number:
                return p.GetValue(number) is { } n ? JsonValue.Create(n) : null;
            case Option<string[]> list:
                return ListOf(p.GetValue(list), field.CommaSeparated);
            case Argument<string[]> list:
                return ListOf(p.GetValue(list), field.CommaSeparated);
            case Option<string> one:
                return Scalar(field, p.GetValue(one));
            case Argument<string> one:
                return Scalar(field, p.GetValue(one));
            default:
                throw new InvalidOperationException($"no reader for {symbol.GetType().Name}");
        }
    }

    /// <summary>A whole number goes as a number; anything else as typed, for the reader to refuse in its words.</summary>
    private static JsonNode? Scalar(InputField field, string? text) =>
        text is null ? null
        : field.Kind == FieldKind.Integer && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n)
        : JsonValue.Create(text);

    private static JsonArray? ListOf(string[]? values, bool commas)
    {
        if (values is null || values.Length == 0) return null;
        var items = commas ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : values;
        return [.. items.Select(v => (JsonNode)JsonValue.Create(v))];
    }

    private static Symbol Create(CliHost host, InputField field)
    {
        Symbol symbol = (field.Position, field.Kind) switch
        {
            (not null, FieldKind.List) => new Argument<string[]>(field.CliName) { Arity = field.Required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore },
            (not null, FieldKind.Flag) => throw new InvalidOperationException($"{field.JsonName}: a flag cannot be positional"),
            (not null, _) => new Argument<string>(field.CliName) { Arity = field.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne },
            (null, FieldKind.Flag) => new Option<bool>(field.CliName),
            (null, FieldKind.List) => new Option<string[]>(field.CliName) { AllowMultipleArgumentsPerToken = field.SpaceSeparated },
            _ => new Option<string>(field.CliName),
        };
        symbol.Description = field.Description;
        switch (symbol)
        {
            case Option option:
                if (field.Alias is not null) option.Aliases.Add(field.Alias);
                option.Required = field.Required;
                if (option is not Option<bool>)
                    option.HelpName = field.HelpName ?? field.Kind switch
                    {
                        FieldKind.Integer => "N",
                        FieldKind.List => field.Suggest == Suggestions.RepoNames ? "a,b" : "VALUE",
                        FieldKind.Choice => string.Join('|', field.Choices),
                        _ => field.CliName.TrimStart('-').ToUpperInvariant(),
                    };
                if (field.Default is not null) option.Description += $" [default: {field.Default}]";
                break;
            case Argument argument:
                // Named, so that help never lists every completion (all repo names) as the placeholder.
                argument.HelpName = field.CliName;
                if (field.Default is not null) argument.Description += $" [default: {field.Default}]";
                break;
        }
        if (field.Kind == FieldKind.Choice)
        {
            if (symbol is Option<string> o) o.AcceptOnlyFromAmong([.. field.Choices]);
            if (symbol is Argument<string> a) a.AcceptOnlyFromAmong([.. field.Choices]);
        }
        var suggestions = Suggest(host, field.Suggest);
        if (suggestions is not null)
        {
            if (symbol is Option option) option.CompletionSources.Add(suggestions);
            if (symbol is Argument argument) argument.CompletionSources.Add(suggestions);
        }
        return symbol;
    }

    private static Func<CompletionContext, IEnumerable<CompletionItem>>? Suggest(CliHost host, Suggestions kind) => kind switch
    {
        Suggestions.RepoNames => ctx => RepoOptions.CompleteRepoList(host, ctx),
        Suggestions.ConfigKeys => _ => ConfigKeys.All.Select(k => new CompletionItem(k.Name)),
        Suggestions.FeatureNames => _ => Completions.WorkspaceNames.Features(host),
        Suggestions.FlowVersions => _ => Completions.WorkspaceNames.Versions(host),
        Suggestions.BranchNames => _ => Completions.WorkspaceNames.Branches(host),
        Suggestions.ChangeIds => _ => Completions.WorkspaceNames.ChangeIds(host),
        _ => null,
    };
}

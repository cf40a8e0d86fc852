using Smctl.Core.Errors;
using Smctl.Core.IO;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Smctl.Core.Toml;

/// <summary>
/// A TOML file held as Tomlyn's lossless syntax tree: read flat with positions, edited in place so the
/// user's comments, key order and layout survive, and saved atomically.
/// </summary>
public sealed class TomlFile
{
    private readonly DocumentSyntax _doc;

    public string Path { get; }

    private TomlFile(string path, DocumentSyntax doc)
    {
        Path = path;
        _doc = doc;
    }

    /// <summary>Parses <paramref name="text"/>; a syntax error becomes one workspace error naming file:line:col.</summary>
    public static TomlFile Parse(string path, string text, ErrorKind kind = ErrorKind.Workspace)
    {
        var doc = Syntax(path, text, kind);
        foreach (var d in doc.Diagnostics)
        {
            if (d.Kind != DiagnosticMessageKind.Error) continue;
            throw new SmctlException(kind, $"{path}:{d.Span.Start.Line + 1}:{d.Span.Start.Column + 1}: {d.Message}",
                suggestion: "fix the TOML syntax at that position");
        }
        return new TomlFile(path, doc);
    }

    /// <summary>
    /// Tomlyn reports most faults as diagnostics but throws on a few (nesting past its depth limit, a backslash
    /// at the very end of a string); those become the same kind of error, so no input reaches a stack trace.
    /// </summary>
    private static DocumentSyntax Syntax(string path, string text, ErrorKind kind)
    {
        try { return SyntaxParser.Parse(text, path, true); }
        catch (Tomlyn.TomlException e)
        {
            throw new SmctlException(kind, $"{path}: {FirstSentence(e.Message)}", suggestion: "nest arrays and inline tables less deeply");
        }
        catch (ArgumentException)
        {
            throw new SmctlException(kind, $"{path}: a string ends in an escape sequence that is not complete (a backslash with nothing valid after it)",
                suggestion: "close the string, or write a backslash as \\\\");
        }
    }

    private static string FirstSentence(string message) => message.IndexOf(". ", StringComparison.Ordinal) is > 0 and var end ? message[..(end + 1)] : message;

    public static TomlFile Load(string path, ErrorKind kind = ErrorKind.Workspace)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new SmctlException(kind, $"cannot read {path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new SmctlException(kind, $"cannot read {path}: {e.Message}"); }
        return Parse(path, text, kind);
    }

    public override string ToString() => _doc.ToString();

    /// <summary>Saves atomically, where a symlink points and with the file's permissions: it is the user's file.</summary>
    public void Save() => AtomicFile.WriteAllText(Path, ToString(), throughLinks: true);

    /// <summary>
    /// Read-modify-write of <paramref name="path"/> under <paramref name="lockFile"/> (the one lock every writer of
    /// the file takes: SmctlLayout.WriteLockOf): the file is read fresh under the
    /// lock, so an edit another smctl (or the user) saved meanwhile is kept; <paramref name="check"/> sees the whole
    /// new text before it replaces the old. <paramref name="whenMissing"/> is the text to start from when there is no
    /// file. A dry run edits and checks the same way, and neither locks nor saves.
    /// </summary>
    public static T Edit<T>(string path, string lockFile, ErrorKind kind, string? whenMissing, Func<TomlFile, T> edit, Action<string> check, bool dryRun = false)
    {
        using var held = dryRun ? null : FileLock.Acquire(path, lockFile, kind);
        var file = whenMissing is not null && !File.Exists(path) ? Parse(path, whenMissing, kind) : Load(path, kind);
        var result = edit(file);
        check(file.ToString());
        if (!dryRun) file.Save();
        return result;
    }

    public static void Edit(string path, string lockFile, ErrorKind kind, string? whenMissing, Action<TomlFile> edit, Action<string> check, bool dryRun = false) =>
        Edit(path, lockFile, kind, whenMissing, file => { edit(file); return true; }, check, dryRun);

    /// <summary>Every key in the file, in order, with its table, value and position.</summary>
    public IReadOnlyList<TomlEntry> Entries()
    {
        var entries = new List<TomlEntry>();
        foreach (var kv in _doc.KeyValues) entries.Add(Entry("", -1, kv));
        var arrayCounts = new Dictionary<string, int>();
        foreach (var table in _doc.Tables)
        {
            var name = KeyText(table.Name);
            var index = -1;
            if (table is TableArraySyntax)
            {
                index = arrayCounts.GetValueOrDefault(name);
                arrayCounts[name] = index + 1;
            }
            foreach (var kv in table.Items) entries.Add(Entry(name, index, kv));
        }
        return entries;
    }

    /// <summary>Positions of each <c>[[name]]</c> header, in order (for errors about a whole entry).</summary>
    public IReadOnlyList<ValueOrigin> TableArrayOrigins(string name) =>
        _doc.Tables.OfType<TableArraySyntax>().Where(t => KeyText(t.Name) == name).Select(t => OriginOf(t)).ToList();

    /// <summary>The tables present (names), for unknown-section warnings.</summary>
    public IEnumerable<(string Name, ValueOrigin Origin)> Tables() =>
        _doc.Tables.Select(t => (KeyText(t.Name), OriginOf(t)));

    /// <summary>Sets <c>table.key</c> to a TOML literal (already formatted), replacing the value in place or adding the key/table.</summary>
    public void Set(string table, string key, string tomlLiteral)
    {
        var newValue = ParseValue(tomlLiteral);
        var items = table.Length == 0 ? _doc.KeyValues : FindTable(table)?.Items;
        if (items is null)
        {
            AppendSnippet($"[{table}]\n{key} = {tomlLiteral}\n");
            return;
        }
        foreach (var kv in items)
        {
            if (KeyText(kv.Key) != key) continue;
            if (kv.Value is not null) CopyTrivia(kv.Value, newValue);
            kv.Value = newValue;
            return;
        }
        var line = ParseKeyValue($"{key} = {tomlLiteral}\n");
        EnsureEndsWithNewLine(items);
        items.Add(line);
    }

    /// <summary>Removes <c>table.key</c>; returns false when it was not there.</summary>
    public bool Unset(string table, string key)
    {
        var items = table.Length == 0 ? _doc.KeyValues : FindTable(table)?.Items;
        if (items is null) return false;
        foreach (var kv in items)
        {
            if (KeyText(kv.Key) != key) continue;
            items.RemoveChild(kv);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Appends well-formed TOML tables at the end of the document. The separating newlines become the new
    /// tables' own leading trivia, so removing them again restores the file byte for byte.
    /// </summary>
    public void AppendSnippet(string snippet)
    {
        var parsed = SyntaxParser.Parse(snippet.TrimStart('\n', '\r'), Path, true);
        if (parsed.HasErrors || parsed.KeyValues.ChildrenCount > 0)
            throw new InvalidOperationException($"generated TOML is not a list of tables: {parsed.Diagnostics}");
        while (parsed.Tables.ChildrenCount > 0)
        {
            var table = parsed.Tables.GetChild(0)!;
            parsed.Tables.RemoveChildAt(0);
            var text = _doc.ToString();
            if (text.Length > 0 && FirstToken(table) is { } first)
            {
                var lead = first.LeadingTrivia ??= new();
                lead.Insert(0, new SyntaxTrivia(TokenKind.NewLine, "\n"));
                if (!text.EndsWith('\n')) lead.Insert(0, new SyntaxTrivia(TokenKind.NewLine, "\n"));
            }
            _doc.Tables.Add(table);
        }
    }

    /// <summary>Removes the <paramref name="index"/>-th <c>[[name]]</c> entry with the comment block just above it.</summary>
    public void RemoveTableArrayEntry(string name, int index)
    {
        var matches = _doc.Tables.OfType<TableArraySyntax>().Where(t => KeyText(t.Name) == name).ToList();
        var target = matches[index];
        var position = IndexOf(_doc.Tables, target);
        // Comments above the next header are stored after this table's last newline: keep them.
        var tail = LastToken(target)?.TrailingTrivia;
        var previous = position > 0 ? LastToken(_doc.Tables.GetChild(position - 1))
            : _doc.KeyValues.ChildrenCount > 0 ? LastToken(_doc.KeyValues) : null;
        // This header's own comment block sits at the end of the previous node's trivia: drop it.
        if (previous?.TrailingTrivia is { } before) DropHeaderComment(before);
        _doc.Tables.RemoveChildAt(position);
        if (tail is { Count: > 0 })
        {
            if (previous is not null) (previous.TrailingTrivia ??= new()).AddRange(tail);
            else if (position < _doc.Tables.ChildrenCount && FirstToken(_doc.Tables.GetChild(position)) is { } next)
            {
                var lead = next.LeadingTrivia ??= new();
                lead.InsertRange(0, tail.SkipWhile(t => t.Kind == TokenKind.NewLine));
            }
        }
    }

    private static void DropHeaderComment(List<SyntaxTrivia> trivia)
    {
        var start = trivia.Count;
        for (var i = trivia.Count - 1; i >= 0; i--)
        {
            var kind = trivia[i].Kind;
            if (kind == TokenKind.Comment || kind == TokenKind.Whitespaces) { start = i; continue; }
            if (kind == TokenKind.NewLine)
            {
                // Two newlines in a row (or a newline right after the line end) is a blank line: the block ends here.
                if (i == 0 || trivia[i - 1].Kind == TokenKind.NewLine) break;
                start = i;
                continue;
            }
            break;
        }
        if (start < trivia.Count && trivia.Skip(start).Any(t => t.Kind == TokenKind.Comment))
            trivia.RemoveRange(start, trivia.Count - start);
        // The blank lines that separated it go too; the removed table's own tail brings the next separation.
        while (trivia.Count > 0 && trivia[^1].Kind == TokenKind.NewLine && !(trivia.Count >= 2 && trivia[^2].Kind == TokenKind.Comment))
            trivia.RemoveAt(trivia.Count - 1);
    }

    private TableSyntaxBase? FindTable(string name) =>
        _doc.Tables.FirstOrDefault(t => t is TableSyntax && KeyText(t.Name) == name);

    private ValueSyntax ParseValue(string literal)
    {
        var holder = ParseKeyValue($"x = {literal}\n");
        var value = holder.Value!;
        holder.Value = null; // a node can have one parent: detach it before it moves
        return value;
    }

    private KeyValueSyntax ParseKeyValue(string line)
    {
        var parsed = SyntaxParser.Parse(line, Path, true);
        if (parsed.HasErrors || parsed.KeyValues.ChildrenCount != 1)
            throw new InvalidOperationException($"not a TOML key/value: {line}");
        var kv = parsed.KeyValues.GetChild(0)!;
        parsed.KeyValues.RemoveChildAt(0);
        return kv;
    }

    private static void CopyTrivia(SyntaxNode from, SyntaxNode to)
    {
        if (FirstToken(from) is { LeadingTrivia: { } lead } && FirstToken(to) is { } toFirst) toFirst.LeadingTrivia = lead;
        if (LastToken(from) is { TrailingTrivia: { } trail } && LastToken(to) is { } toLast) toLast.TrailingTrivia = trail;
    }

    private static void EnsureEndsWithNewLine(SyntaxNode node)
    {
        if (LastToken(node) is not { } last) return;
        if (last.TokenKind is TokenKind.NewLine or TokenKind.Eof) return;
        if (last.TrailingTrivia is { Count: > 0 } t && t.Any(x => x.Kind == TokenKind.NewLine)) return;
        (last.TrailingTrivia ??= new()).Add(new SyntaxTrivia(TokenKind.NewLine, "\n"));
    }

    private static int IndexOf<T>(SyntaxList<T> list, T node) where T : SyntaxNode
    {
        for (var i = 0; i < list.ChildrenCount; i++) if (ReferenceEquals(list.GetChild(i), node)) return i;
        return -1;
    }

    private static SyntaxToken? FirstToken(SyntaxNode? node)
    {
        if (node is null) return null;
        if (node is SyntaxToken t) return t;
        for (var i = 0; i < node.ChildrenCount; i++) if (FirstToken(node.GetChild(i)) is { } found) return found;
        return null;
    }

    private static SyntaxToken? LastToken(SyntaxNode? node)
    {
        if (node is null) return null;
        if (node is SyntaxToken t) return t;
        for (var i = node.ChildrenCount - 1; i >= 0; i--) if (LastToken(node.GetChild(i)) is { } found) return found;
        return null;
    }

    private TomlEntry Entry(string table, int index, KeyValueSyntax kv)
    {
        var (value, kind) = Plain(kv.Value);
        return new TomlEntry(table, index, KeyText(kv.Key), value, kind, OriginOf(kv.Value ?? (SyntaxNode)kv));
    }

    private ValueOrigin OriginOf(SyntaxNode node) => new(Path, node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private static (object? Value, string Kind) Plain(ValueSyntax? value) => value switch
    {
        StringValueSyntax s => (s.Value, "string"),
        BooleanValueSyntax b => (b.Value, "boolean"),
        IntegerValueSyntax i => (i.Value, "integer"),
        FloatValueSyntax f => (f.Value, "float"),
        ArraySyntax a => (a.Items.Select(item => Plain(item.Value).Value).ToList(), "array"),
        InlineTableSyntax => (null, "inline table"),
        DateTimeValueSyntax => (null, "date"),
        _ => (null, "value"),
    };

    private static string KeyText(KeySyntax? key)
    {
        if (key is null) return "";
        var parts = new List<string> { Part(key.Key) };
        foreach (var dotted in key.DotKeys) parts.Add(Part(dotted.Key));
        return string.Join('.', parts);

        static string Part(BareKeyOrStringValueSyntax? k) => k switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? "",
            StringValueSyntax str => str.Value ?? "",
            _ => "",
        };
    }

    /// <summary>Formats a plain value as a TOML literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "\"\"",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Quote)) + "]",
        IEnumerable<object?> items => "[" + string.Join(", ", items.Select(Literal)) + "]",
        _ => Quote(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    public static string Quote(string s)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append($"\\u{(int)c:X4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Smctl.Cli;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Docs;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations.Inputs;
using Smctl.Mcp.Tools;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>
/// One declaration per option: every input property of every operation has its CLI face and a description,
/// the CLI declares nothing the input does not (but display switches), and a command line that sets every
/// field reads back as exactly the arguments an MCP client would send for it.
/// </summary>
public sealed class OptionFacesTests
{
    private static readonly CliHost Host = new() { CurrentDirectory = "/", GetEnvironment = _ => null, Out = TextWriter.Null, Err = TextWriter.Null, Terminal = false };

    private static IEnumerable<(string Path, SmctlCommand Command)> Faces(RootCommand? root = null) =>
        CliReference.Walk(root ?? SmctlApp.Build(Host)).Where(c => c.Command is SmctlCommand { Operation: not null }).Select(c => (c.Path, (SmctlCommand)c.Command));

    [Fact]
    public void Every_input_field_has_its_cli_face_and_nothing_else_is_declared()
    {
        foreach (var (path, command) in Faces())
        {
            var op = command.Operation!;
            // dryRun and confirm are the MCP faces of the CLI's global --dry-run and --yes.
            var schema = ToolCatalog.Describe(op).InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(n => n is not ("dryRun" or "confirm")).Order().ToList();
            var inputs = command.Inputs!;
            Assert.Equal(schema, inputs.Fields.Select(f => f.JsonName).Order().ToList());
            var own = command.Options.Where(o => o is not System.CommandLine.Help.HelpOption && !command.ViewOptions.Contains(o)).Select(o => o.Name).Order().ToList();
            var expected = inputs.Fields.Where(f => f.Position is null && !inputs.Presets.ContainsKey(f.JsonName) && GlobalOptions.Named(f.CliName) is null)
                .Select(f => f.CliName).Order().ToList();
            Assert.True(expected.SequenceEqual(own), $"{path}: options {string.Join(", ", own)}; input fields {string.Join(", ", expected)}");
            Assert.Equal(inputs.Fields.Where(f => f.Position is not null && !inputs.Presets.ContainsKey(f.JsonName)).Select(f => f.CliName).ToList(),
                command.Arguments.Select(a => a.Name).ToList());
            Assert.All(inputs.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{path}: {f.JsonName} has no description"));
        }
    }

    [Fact]
    public void A_command_line_setting_every_field_reads_as_the_mcp_arguments_for_it()
    {
        var root = SmctlApp.Build(Host);
        foreach (var (path, command) in Faces(root))
        {
            var inputs = command.Inputs!;
            var expected = new JsonObject();
            foreach (var (name, value) in inputs.Presets) expected[name] = value.DeepClone();
            var args = new List<string>(path.Split(' ').Skip(1));
            var options = new List<string>();
            var positional = new List<string>();
            foreach (var field in inputs.Fields.Where(f => !inputs.Presets.ContainsKey(f.JsonName)))
            {
                var (json, tokens) = Sample(field);
                expected[field.JsonName] = json;
                if (field.Position is not null) positional.AddRange(tokens);
                else foreach (var token in tokens) options.AddRange([field.CliName, token]);
                if (field.Kind == FieldKind.Flag) options.Add(field.CliName);
            }
            // As users write them: arguments first, options after; a list argument (exec's command) last, after --.
            var listArgument = inputs.Fields.Any(f => f.Position is not null && f.Kind == FieldKind.List);
            args.AddRange(listArgument ? [.. options, "--", .. positional] : [.. positional, .. options]);
            var parse = root.Parse(args);
            Assert.True(parse.Errors.Count == 0, $"{string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.Same(command, parse.CommandResult.Command);
            var read = inputs.Read(parse);
            Assert.True(JsonNode.DeepEquals(expected, read), $"{path}: CLI {read.ToJsonString()} vs MCP {expected.ToJsonString()}");
        }
    }

    [Fact]
    public void Cli_and_mcp_refuse_a_bad_value_with_the_same_sentence_but_for_its_name()
    {
        var cli = Assert.Throws<SmctlException>(() => InputReader.Read(SmctlJson.Default.BuildInput, new JsonObject { ["timeoutSeconds"] = "soon" }, f => f.CliLabel));
        var mcp = Assert.Throws<SmctlException>(() => InputReader.Read(SmctlJson.Default.BuildInput, new JsonObject { ["timeoutSeconds"] = "soon" }, f => f.JsonName));
        Assert.Equal("--timeout must be a whole number, not 'soon'.", cli.Message);
        Assert.Equal("timeoutSeconds must be a whole number, not 'soon'.", mcp.Message);
        Assert.Equal(ErrorKind.Usage, cli.Kind);

        var both = Assert.Throws<SmctlException>(() => InputReader.Read(SmctlJson.Default.ReleaseStartInput, new JsonObject { ["version"] = "1.0.0", ["auto"] = true }, f => f.JsonName));
        Assert.Contains("auto takes the version from the release plan", both.Message);
        var unknown = Assert.Throws<SmctlException>(() => InputReader.Read(SmctlJson.Default.FeatureFinishInput, new JsonObject { ["name"] = "x", ["tagMessage"] = "m" }, f => f.JsonName));
        Assert.Equal("unknown argument 'tagMessage'.", unknown.Message);
        var jobs = Assert.Throws<SmctlException>(() => InputReader.Read(SmctlJson.Default.BuildInput, new JsonObject { ["jobs"] = -3 }, f => f.JsonName));
        Assert.Equal("jobs must be at least 1, not -3.", jobs.Message);
    }

    /// <summary>A valid value for a field: as MCP JSON, and as the CLI's tokens.</summary>
    private static (JsonNode Json, string[] Tokens) Sample(InputField field) => field.Kind switch
    {
        FieldKind.Flag => (JsonValue.Create(true), []),
        FieldKind.Integer => (JsonValue.Create(3), ["3"]),
        FieldKind.Choice => (JsonValue.Create(field.Choices[^1]), [field.Choices[^1]]),
        FieldKind.List => (new JsonArray("a", "b"), field.CommaSeparated ? ["a,b"] : ["a", "b"]),
        _ => (JsonValue.Create("x-" + field.JsonName), ["x-" + field.JsonName]),
    };
}

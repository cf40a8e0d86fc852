using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Spec.Shared;

namespace Smctl.Core.Spec;

public sealed record SpecFastForwardInput
{
    [Description("Change id, or repo:id (default: the only active change)")]
    [Argument(0, Suggest = Suggestions.ChangeIds)]
    public string? Id { get; init; }
}

/// <param name="Generated">The files written, relative to the change's folder.</param>
/// <param name="Validation">What the change's artifacts validate to, after the skeletons are written (before, in a dry run).</param>
public sealed record SpecFastForwardResult(string Name, string Change, IReadOnlyList<string> Generated, IReadOnlyList<ArtifactState> Artifacts,
    IReadOnlyList<string> Branches, ValidationBrief Validation);

/// <summary>
/// Walks the spec-driven order (proposal → specs and design → tasks) and writes each missing artifact as a skeleton
/// that 'openspec validate --strict' accepts: a delta spec per capability the proposal names (ADDED for a new one,
/// MODIFIED from the main spec for an existing one), or skip_specs when it names none; design.md; tasks.md.
/// Existing files are never touched. The branches found for the change are recorded in .smctl.toml.
/// </summary>
public sealed partial class SpecFastForward : IOperation<SpecFastForwardInput, SpecFastForwardResult>
{
    [GeneratedRegex(@"^\s*[-*]\s+`(?<cap>[a-z0-9][a-z0-9/-]*)`", RegexOptions.Multiline)]
    private static partial Regex CapabilityItem();

    public OperationInfo Info { get; } = new("spec.ff",
        "Write each missing artifact of a change (delta specs, design, tasks) as a skeleton strict validation accepts; report done, ready, blocked.",
        OperationEffect.Mutating, Idempotent: true);
    public JsonTypeInfo<SpecFastForwardInput> InputJson => SmctlJson.Default.SpecFastForwardInput;
    public JsonTypeInfo<SpecFastForwardResult> ResultJson => SmctlJson.Default.SpecFastForwardResult;

    public Task<SpecFastForwardResult> RunAsync(SmctlContext context, SpecFastForwardInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var change = ChangeLocator.Find(SpecRoots.Require(context, ws), input.Id);
        var writes = new List<(string Path, string Text)>();
        string Within(string relative) => Path.Combine(change.Dir, relative);

        if (!File.Exists(Within("proposal.md"))) writes.Add(("proposal.md", Scaffold.Proposal));
        var proposal = File.Exists(Within("proposal.md")) ? File.ReadAllText(Within("proposal.md")) : Scaffold.Proposal;
        var (added, modified) = Capabilities(proposal);
        var hasSpecs = Directory.Exists(Within("specs")) && Directory.EnumerateFiles(Within("specs"), "*.md", SearchOption.AllDirectories).Any();
        if (!hasSpecs)
        {
            foreach (var cap in added.Concat(modified).Distinct())
                writes.Add((Path.Combine("specs", cap, "spec.md"), DeltaSpec(change.Root, cap, modified.Contains(cap))));
            // A change that names no capability is a refactor or tooling change: OpenSpec wants it marked, not invented.
            if (added.Count + modified.Count == 0 && !File.ReadAllText(Within(".openspec.yaml")).Contains("skip_specs:", StringComparison.Ordinal))
                writes.Add((".openspec.yaml", File.ReadAllText(Within(".openspec.yaml")).TrimEnd('\n') + "\nskip_specs: true\n"));
        }
        if (!File.Exists(Within("design.md"))) writes.Add(("design.md", Scaffold.Design));
        if (!File.Exists(Within("tasks.md"))) writes.Add(("tasks.md", Scaffold.Tasks));

        var meta = ChangeMeta.Read(change.Dir);
        var branch = meta?.Branch ?? $"{Branches.FlowModel.From(context.Settings).FeaturePrefix}{change.Id}";
        var having = ws.Repos.Where(r => Git.RepoReader.Resolve(r.FullPath, GitRefs.Branch(branch)) is not null).Select(r => r.Name).ToList();
        var recorded = new ChangeMeta(meta?.Repos is { Count: > 0 } repos ? repos : having, having.Count > 0 || meta?.Branch is not null ? branch : null, meta?.Safety);
        if (meta is null || !recorded.Repos.SequenceEqual(meta.Repos) || recorded.Branch != meta.Branch) writes.Add((ChangeMeta.FileName, recorded.ToToml()));

        if (!context.DryRun)
            foreach (var (path, text) in writes)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Within(path))!);
                IO.AtomicFile.WriteAllText(Within(path), text);
            }
        var artifacts = Artifacts.Of(change.Dir);
        return Task.FromResult(new SpecFastForwardResult(change.Name, change.Dir, [.. writes.Select(w => w.Path)], artifacts, having,
            ValidationBrief.Of(SpecValidate.Change(context, ws, change))));
    }

    /// <summary>The backticked capability paths listed under the proposal's New and Modified Capabilities headings.</summary>
    private static (List<string> Added, List<string> Modified) Capabilities(string proposal)
    {
        var added = new List<string>();
        var modified = new List<string>();
        List<string>? current = null;
        foreach (var raw in proposal.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.StartsWith('#'))
            {
                var title = raw.TrimStart('#').Trim();
                current = title.Equals("New Capabilities", StringComparison.OrdinalIgnoreCase) ? added
                    : title.Equals("Modified Capabilities", StringComparison.OrdinalIgnoreCase) ? modified : null;
                continue;
            }
            if (current is not null && CapabilityItem().Match(raw) is { Success: true } m && !m.Groups["cap"].Value.Contains('<')) current.Add(m.Groups["cap"].Value);
        }
        return (added, modified);
    }

    /// <summary>
    /// A delta skeleton: for an existing capability its main spec's first requirement as MODIFIED (to edit), otherwise
    /// an ADDED requirement with one scenario, in the words of the capability's name.
    /// </summary>
    private static string DeltaSpec(SpecRoot root, string capability, bool modified)
    {
        var main = Path.Combine(root.SpecsDir, capability, "spec.md");
        if (modified && File.Exists(main) && RequirementBlocks.Section(SpecText.Read(main)).Blocks is [var block, ..])
            return "## MODIFIED Requirements\n\n" + block.Raw + "\n";
        return $"""
            ## ADDED Requirements

            ### Requirement: {capability}
            The system SHALL provide {capability} as this change's proposal describes.

            #### Scenario: {capability} is in place
            - **WHEN** the change is applied
            - **THEN** {capability} behaves as the proposal describes

            """;
    }
}

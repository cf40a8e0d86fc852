namespace Smctl.Core.Spec.Shared;

/// <summary>
/// One finding of validation, in the shape of 'openspec validate --json' (level ERROR, WARNING or INFO; a path; the
/// line when known). smctl's own rules carry their id in <see cref="Rule"/>; OpenSpec's have none.
/// </summary>
public sealed record SpecIssue(string Level, string Path, int? Line, string Message)
{
    public const string Error = "ERROR";
    public const string Warning = "WARNING";
    public const string Info = "INFO";

    public string? Rule { get; init; }

    public static SpecIssue Err(string path, string message, int? line = null) => new(Error, path, line, message);
    public static SpecIssue Warn(string path, string message, int? line = null) => new(Warning, path, line, message);
    public static SpecIssue Note(string path, string message, int? line = null) => new(Info, path, line, message);
}

/// <summary>OpenSpec's validation messages, word for word (its validation/constants).</summary>
public static class SpecMessages
{
    public const int MinPurposeLength = 50;
    public const int MaxRequirementTextLength = 500;

    public const string RequirementEmpty = "Requirement text cannot be empty";
    public const string RequirementNoScenarios = "Requirement must have at least one scenario";
    public const string SpecNameEmpty = "Spec name cannot be empty";
    public const string SpecNoRequirements = "Spec must have at least one requirement";
    public const string ChangeNoDeltas = "Change must have at least one delta";
    public const string SkipSpecsConflict = "skip_specs is set in .openspec.yaml but spec files exist under specs/. Remove skip_specs or delete the delta spec files";
    public const string SkipSpecsAccepted = "skip_specs is set in .openspec.yaml: change declares no spec-level behavior changes, zero deltas accepted";
    public const string SkipSpecsInvalidMetadata = "skip_specs is set but .openspec.yaml is not valid change metadata, so the marker is not honored. Fix the metadata";
    public const string PurposeTooBrief = "Purpose section is too brief (less than 50 characters)";
    public const string PurposeIsPlaceholder = "Purpose section is still a placeholder rather than a Purpose anyone wrote (the sentence `openspec archive` " +
        "writes for a new capability, or a `TBD`/`TODO` marker left in its place). Replace it with what this " +
        "capability is for, editing the main spec directly: a `## Purpose` in a delta is read only when the " +
        "capability is created, so it cannot replace this one.";
    public const string RequirementTooLong = "Requirement text is very long (>500 characters). Consider breaking it down.";

    public const string GuideNoDeltas = "No deltas found. Ensure your change has a specs/ directory with capability folders (e.g. specs/http-server/spec.md) containing .md files that use delta headers (## ADDED/MODIFIED/REMOVED/RENAMED Requirements) and that each requirement includes at least one \"#### Scenario:\" block. If this change intentionally modifies no specs (pure refactor, tooling, docs), set \"skip_specs: true\" in the change's .openspec.yaml instead. Tip: run \"openspec change show <change-id> --json --deltas-only\" to inspect parsed deltas.";
    public const string GuideMissingSpecSections = "Missing required sections. Expected headers: \"## Purpose\" and \"## Requirements\". Example:\n## Purpose\n[brief purpose]\n\n## Requirements\n### Requirement: Clear requirement statement\nUsers SHALL ...\n\n#### Scenario: Descriptive name\n- **WHEN** ...\n- **THEN** ...";
    public const string GuideMissingChangeSections = "Missing required sections. Expected headers: \"## Why\" and \"## What Changes\". Ensure deltas are documented in specs/ using delta headers.";
    public const string GuideScenarioFormat = "Scenarios must use level-4 headers. Convert bullet lists into:\n#### Scenario: Short name\n- **WHEN** ...\n- **THEN** ...\n- **AND** ...";

    /// <summary>A top-level failure with the guidance OpenSpec appends to it.</summary>
    public static string Enrich(string message)
    {
        var msg = message.Trim();
        if (msg == ChangeNoDeltas) return $"{msg}. {GuideNoDeltas}";
        if (msg.Contains("Spec must have a Purpose section", StringComparison.Ordinal) || msg.Contains("Spec must have a Requirements section", StringComparison.Ordinal))
            return $"{msg}. {GuideMissingSpecSections}";
        if (msg.Contains("Change must have a Why section", StringComparison.Ordinal) || msg.Contains("Change must have a What Changes section", StringComparison.Ordinal))
            return $"{msg}. {GuideMissingChangeSections}";
        return msg;
    }

    /// <summary>A requirement whose body lacks SHALL/MUST: an error ("must") when there is no body, guidance ("should") otherwise.</summary>
    public static string MissingShallOrMust(string prefix, string blockName, bool guidanceOnly = false)
    {
        var text = $"{prefix} {(guidanceOnly ? "should" : "must")} contain SHALL or MUST";
        var suffix = guidanceOnly ? " (RFC 2119 best practice for English specs)" : "";
        if (RequirementText.ContainsShallOrMust(blockName))
            return $"{text} in the requirement body, not only in the header. Move the SHALL/MUST statement to the line immediately after the \"### Requirement: ...\" header.{suffix}";
        return text + suffix;
    }
}

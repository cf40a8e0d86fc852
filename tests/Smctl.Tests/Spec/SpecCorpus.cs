namespace Smctl.Tests.Spec;

/// <summary>
/// An OpenSpec tree of valid and invalid main specs and changes (renames, removals, new and retired capabilities,
/// nested capability paths, fenced code, CRLF and BOM, odd task files), written under an openspec/ folder, for
/// running smctl and the openspec CLI side by side.
/// </summary>
public static class SpecCorpus
{
    private const string Scenario = "#### Scenario: Works\n- **WHEN** it is used\n- **THEN** it works\n";
    private const string Proposal = "# Proposal\n\n## Why\n\nBecause the platform needs it now and nobody else is doing it.\n\n## What Changes\n\n- Things change.\n";
    private const string Design = "# Design\n\n## Decisions\n\n- Keep it small.\n";
    private const string Tasks = "# Tasks\n\n## 1. Work\n\n- [x] 1.1 Do it @ann\n";
    private const string Meta = "schema: spec-driven\ncreated: 2026-11-30\n";

    public static readonly IReadOnlyDictionary<string, string> MainSpecs = new Dictionary<string, string>
    {
        ["auth"] = "# auth Specification\n\n## Purpose\nAuthentication of users for the whole platform, with sessions.\n\n## Requirements\n" +
            "### Requirement: Login\nThe system SHALL log users in.\n\n#### Scenario: Good password\n- **WHEN** a user gives the right password\n- **THEN** they are in\n\n" +
            "#### Scenario: Bad password\n- **WHEN** the password is wrong\n- **THEN** they are refused\n\n" +
            "### Requirement: Lockout\nThe system SHALL lock an account after five failures.\n\n" + Scenario,
        ["billing"] = "# billing Specification\n\n## Purpose\nBilling.\n\n## Requirements\n\n### Requirement: Invoices\nInvoices go out monthly.\n\n" + Scenario +
            "\n### Requirement: Receipts\nThe system MUST send receipts.\n\n### Requirement: Old export\nThe system SHALL export CSV.\n\n" + Scenario,
        ["identity/sessions"] = "# identity/sessions Specification\n\n## Purpose\nSessions of signed-in users across every front end of the platform.\n\n## Requirements\n\n" +
            "### Requirement: Expiry\nA session SHALL expire after a day.\n\n" + Scenario,
        ["broken"] = "# broken Specification\n\n## Requirements\n\n### Requirement: Orphan\nThe system SHALL exist.\n\n" + Scenario,
        ["structure"] = "# structure Specification\n\n### Requirement: Too early\nThe system SHALL be early.\n\n## Purpose\nA spec whose structure is wrong in several ways at once, for the checks.\n\n" +
            "## Requirements\n\n### Requirement: Twice\nThe system SHALL be here once.\n\n" + Scenario + "\n### Requirement: Twice ###\nThe system SHALL be here twice.\n\n" + Scenario +
            "\n## ADDED Requirements\n\n### Requirement: Delta in main\nThe system SHALL not be here.\n\n" + Scenario,
        ["fenced"] = "# fenced Specification\n\n## Purpose\nDocuments commands, with examples that look like spec structure inside fences.\n\n## Requirements\n\n" +
            "### Requirement: Examples\nThe system SHALL show examples.\n\n```markdown\n### Requirement: Not real\n#### Scenario: Not real either\n## Purpose\n```\n\n" + Scenario,
        ["placeholder"] = "# placeholder Specification\n\n## Purpose\nTBD - created by archiving change add-placeholder. Update Purpose after archive.\n\n## Requirements\n\n" +
            "### Requirement: Something\nThe system SHALL do something.\n\n" + Scenario,
        ["todo"] = "# todo Specification\n\n## Purpose\nTODO: write what this is for, once we know what it is for exactly.\n\n## Requirements\n\n### Requirement: Something\nThe system SHALL do something.\n\n" + Scenario,
        ["crlf"] = "\uFEFF# crlf Specification\r\n\r\n## Purpose\r\nWritten on Windows, with a byte order mark and CRLF line endings.\r\n\r\n## Requirements\r\n\r\n" +
            "### Requirement: Windows\r\nThe system SHALL read CRLF.\r\n\r\n#### Scenario: Read\r\n- **WHEN** a CRLF file is read\r\n- **THEN** it parses\r\n",
        ["long"] = "# long Specification\n\n## Purpose\nA spec with one very long requirement, to see the long-requirement note.\n\n## Requirements\n\n" +
            "### Requirement: Long\nThe system SHALL " + string.Concat(Enumerable.Repeat("do one more thing and then another, ", 16)) + "forever.\n\n" + Scenario,
        ["retiring"] = "# retiring Specification\n\n## Purpose\nA capability about to be retired by a change that removes its only requirement.\n\n## Requirements\n\n" +
            "### Requirement: Last one\nThe system SHALL still do this.\n\n" + Scenario,
        ["keepnote"] = "# keepnote Specification\n\n## Purpose\nA capability whose last requirement goes, but which holds a note of its own.\n\n## Requirements\n\n" +
            "### Requirement: Only\nThe system SHALL do it.\n\n" + Scenario + "\n| a table | the merge cannot name |\n",
    };

    /// <summary>Each change: its files, relative to the change's folder.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Changes = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["add-logout"] = Change(("specs/auth/spec.md",
            "## ADDED Requirements\n\n### Requirement: Logout\nThe system SHALL log users out.\n\n#### Scenario: Out\n- **WHEN** a user logs out\n- **THEN** the session ends\n\n" +
            "## MODIFIED Requirements\n\n### Requirement: Login\nThe system SHALL log users in, quickly.\n\n#### Scenario: Good password\n- **WHEN** a user gives the right password\n- **THEN** they are in at once\n\n" +
            "#### Scenario: Bad password\n- **WHEN** the password is wrong\n- **THEN** they are refused\n")),
        ["rename-login"] = Change(("specs/auth/spec.md",
            "## RENAMED Requirements\n\n- FROM: `### Requirement: Login`\n- TO: `### Requirement: Sign in`\n\n## MODIFIED Requirements\n\n### Requirement: Sign in\nThe system SHALL sign users in.\n\n" +
            "#### Scenario: Good password\n- **WHEN** the password is right\n- **THEN** they are in\n\n#### Scenario: Bad password\n- **WHEN** it is wrong\n- **THEN** refused\n")),
        ["remove-export"] = Change(("specs/billing/spec.md", "## REMOVED Requirements\n\n- ### Requirement: Old export\n* `### Requirement: Receipts`\n")),
        ["add-refunds"] = Change(("specs/payments/refunds/spec.md",
            "## Purpose\nRefunds of card payments, full or partial, within ninety days of the payment.\n\n## ADDED Requirements\n\n### Requirement: Refund\nThe system SHALL refund a payment.\n\n" + Scenario),
            ("specs/identity/sessions/spec.md", "## ADDED Requirements\n\n### Requirement: Refresh\nA session SHALL be refreshable.\n\n" + Scenario)),
        ["add-brief"] = Change(("specs/brief/spec.md", "## Purpose\nShort.\n\n## ADDED Requirements\n\n### Requirement: Brief\nThe system SHALL be brief.\n\n" + Scenario)),
        ["retire-old"] = Change(("specs/retiring/spec.md", "## REMOVED Requirements\n\n### Requirement: Last one\n"), (".openspec.yaml", Meta + "retire_capabilities: true\n")),
        ["retire-undeclared"] = Change(("specs/retiring/spec.md", "## REMOVED Requirements\n\n### Requirement: Last one\n")),
        ["retire-note"] = Change(("specs/keepnote/spec.md", "## REMOVED Requirements\n\n### Requirement: Only\n"), (".openspec.yaml", Meta + "retire_capabilities: true\n")),
        ["bad-missing-target"] = Change(("specs/auth/spec.md", "## MODIFIED Requirements\n\n### Requirement: Nonexistent\nThe system SHALL do what was never there.\n\n" + Scenario)),
        ["bad-new-modified"] = Change(("specs/nowhere/spec.md", "## MODIFIED Requirements\n\n### Requirement: Ghost\nThe system SHALL haunt.\n\n" + Scenario)),
        ["bad-duplicates"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: Twice\nThe system SHALL do it.\n\n" + Scenario +
            "\n### Requirement: Twice\nThe system SHALL do it again.\n\n" + Scenario)),
        ["bad-no-deltas"] = Change(("specs/auth/spec.md", "# Notes\n\nJust some notes about auth.\n")),
        ["bad-empty-section"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\nNothing here yet.\n\n## REMOVED Requirements\n")),
        ["bad-unpaired"] = Change(("specs/auth/spec.md", "## RENAMED Requirements\n\n- FROM: `### Requirement: Login`\n- FROM: `### Requirement: Lockout`\n- TO: `### Requirement: Sign in`\n")),
        ["bad-scenario-loss"] = Change(("specs/auth/spec.md", "## MODIFIED Requirements\n\n### Requirement: Login\nThe system SHALL log users in.\n\n#### Scenario: Good password\n- **WHEN** right\n- **THEN** in\n")),
        ["bad-root-spec"] = Change(("specs/spec.md", "## ADDED Requirements\n\n### Requirement: Rootless\nThe system SHALL be somewhere.\n\n" + Scenario)),
        ["bad-unread"] = Change(("specs/auth.md", "## ADDED Requirements\n\n### Requirement: Misplaced\nThe system SHALL be in spec.md.\n\n" + Scenario)),
        ["skip-specs"] = Change((".openspec.yaml", Meta + "skip_specs: true\n")),
        ["skip-specs-conflict"] = Change((".openspec.yaml", Meta + "skip_specs: true\n"), ("specs/auth/notes.txt", "stray\n")),
        ["bad-metadata"] = Change((".openspec.yaml", "schema: spec-driven\nskip_specs: \"yes\"\n")),
        ["unknown-schema"] = Change((".openspec.yaml", "schema: no-such-schema\nskip_specs: true\n")),
        ["fenced-change"] = Change(("specs/fenced/spec.md", "## ADDED Requirements\n\n### Requirement: More examples\nThe system SHALL show more examples.\n\n" +
            "```\n### Requirement: Inside a fence\n## REMOVED Requirements\n```\n\n" + Scenario)),
        ["orphans"] = Change(("specs/auth/spec.md", "### Requirement: Floating\nThe system SHALL float.\n\n## ADDED Requirements\n\n### Stray divider\n\n### Requirement: Anchored\nThe system SHALL be anchored.\n\n" +
            Scenario + "\n## Notes\n\n### Requirement: In notes\nThe system SHALL be noted.\n")),
        ["crlf-change"] = Change(("specs/crlf/spec.md", "\uFEFF## ADDED Requirements\r\n\r\n### Requirement: More Windows\r\nThe system SHALL keep CRLF.\r\n\r\n#### Scenario: Kept\r\n- **WHEN** archived\r\n- **THEN** CRLF stays\r\n")),
        ["tasks-plain"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: Plain\nThe system SHALL be plain.\n\n" + Scenario),
            ("tasks.md", "# Tasks\n\n```\n- [ ] fenced is not a task? it is.\n```\n")),
        ["tasks-bullets"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: Bullets\nThe system SHALL be bulleted.\n\n" + Scenario),
            ("tasks.md", "---\ntags:\n  - x\n---\n# Tasks\n\n<!-- - hidden -->\n    - indented code\n- first bullet\n- second\n")),
        ["tasks-numbering"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: Numbered\nThe system SHALL be numbered.\n\n" + Scenario),
            ("tasks.md", "# Tasks\n\n## 1. One\n\n- [ ] 1.1 first @ann\n- [ ] 2.1 misplaced @ann\n\n## 2. Two\n\n- [ ] 2.1 again @bob\n- [x] 02.2 padded @bob\n")),
        ["no-shall"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: The system SHALL whisper\nIt whispers.\n\n" + Scenario +
            "\n### Requirement: Quiet\nIt is quiet.\n\n" + Scenario + "\n### Requirement: Silent SHALL\n\n" + Scenario)),
        ["cross-conflict"] = Change(("specs/auth/spec.md", "## MODIFIED Requirements\n\n### Requirement: Lockout\nThe system SHALL lock.\n\n" + Scenario +
            "\n## REMOVED Requirements\n\n### Requirement: Lockout\n\n## RENAMED Requirements\n\nFROM: ### Requirement: Login\nTO: ### Requirement: Lockout\n")),
        ["near-miss"] = Change(("specs/auth/spec.md", "## REMOVED Requirements\n\n### Requirement: lockout\n")),
        ["empty-scenario"] = Change(("specs/auth/spec.md", "## ADDED Requirements\n\n### Requirement: Hollow\nThe system SHALL be hollow.\n\n#### Scenario: Nothing under it\n")),
        ["no-proposal"] = new Dictionary<string, string> { [".openspec.yaml"] = Meta, ["specs/auth/spec.md"] = "## ADDED Requirements\n\n### Requirement: Bare\nThe system SHALL be bare.\n\n" + Scenario },
    };

    private static Dictionary<string, string> Change(params (string Path, string Text)[] files)
    {
        var change = new Dictionary<string, string> { [".openspec.yaml"] = Meta, ["proposal.md"] = Proposal, ["design.md"] = Design, ["tasks.md"] = Tasks };
        foreach (var (path, text) in files) change[path] = text;
        return change;
    }

    /// <summary>Writes the whole corpus (or the named changes only) under <paramref name="openspecDir"/>.</summary>
    public static void Write(string openspecDir, IEnumerable<string>? changes = null)
    {
        foreach (var (id, text) in MainSpecs) WriteFile(Path.Combine(openspecDir, "specs", id, "spec.md"), text);
        Directory.CreateDirectory(Path.Combine(openspecDir, "changes", "archive"));
        foreach (var id in changes ?? Changes.Keys)
            foreach (var (path, text) in Changes[id]) WriteFile(Path.Combine(openspecDir, "changes", id, path), text);
        // A folder wrapping a change is not a change (OpenSpec refuses it).
        if (changes is null) WriteFile(Path.Combine(openspecDir, "changes", "wrapper", "inner-change", "proposal.md"), Proposal);
    }

    private static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
    }
}

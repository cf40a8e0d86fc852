using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Smctl.Core.Catalog;
using Smctl.Core.Flow;
using Smctl.Core.Operations;
using Smctl.Core.Spec;
using Smctl.Mcp.Hosting;
using Smctl.Mcp.Resources;
using Smctl.Mcp.Tools;

namespace Smctl.Mcp.Prompts;

/// <summary>Prompts that walk an assistant through the tools for the common multi-repo jobs.</summary>
public static partial class PromptCatalog
{
    private sealed record Entry(Prompt Prompt, Func<Func<string, string?>, string> Text);

    private static readonly Entry[] Entries =
    [
        new(new Prompt
        {
            Name = "start_feature",
            Title = "Start a spec-driven feature",
            Description = "Check the workspace, start a feature branch (with worktrees) in the repos it concerns, and build them.",
            Arguments =
            [
                new PromptArgument { Name = "name", Description = "Feature name: lower-case letters, digits, '.', '_', '-'", Required = true },
                new PromptArgument { Name = "repos", Description = "Comma-separated repos the feature concerns (default: all)", Required = false },
            ],
        }, arg => $$"""
            Start the feature '{{arg("name")}}' across the workspace{{Repos(arg)}} with smctl:
            1. Read the resource smctl://workspace/status (or call smctl_workspace_status). Every repo involved must be clean and not behind its remote; if not, tell me which and stop.
            2. Call smctl_flow_feature_start with {"name": "{{arg("name")}}"{{ReposJson(arg)}}, "worktree": true, "dryRun": true} and show me the plan.
            3. When I agree, call smctl_plan_apply with the planId of that dry run. If it reports an interrupted run, read smctl://flow/run and ask me whether to continue (smctl_continue) or abort (smctl_abort).
            4. Call smctl_worktree_path with {"name": "{{arg("name")}}"} and work in that folder from now on.
            5. After changing code, call smctl_build with {"repos": [...], "test": true} and fix what fails before saying you are done.
            """),
        new(new Prompt
        {
            Name = "finish_and_release",
            Title = "Finish a feature and release",
            Description = "Finish a feature into develop in every repo that has it, then cut and finish a release with a tag.",
            Arguments =
            [
                new PromptArgument { Name = "feature", Description = "The feature to finish", Required = true },
                new PromptArgument { Name = "version", Description = "The release version (semver, e.g. 1.4.0)", Required = true },
            ],
        }, arg => $$"""
            Finish feature '{{arg("feature")}}' and release {{arg("version")}} with smctl:
            1. Call smctl_build with {"test": true, "verify": true}; if anything fails, stop and show me the failing repo and its log tail.
            2. Call smctl_flow_feature_finish with {"name": "{{arg("feature")}}", "dryRun": true}; show me the plan (merges, branch deletions, pushes). It is checked in every repo first: report any problems it lists.
            3. When I agree, call smctl_plan_apply with its planId.
            4. Call smctl_flow_release_start with {"version": "{{arg("version")}}"}, then smctl_flow_release_finish with {"version": "{{arg("version")}}", "dryRun": true}, show me the plan, and apply it when I agree.
            5. If a run stops half-way, read smctl://flow/run and offer smctl_continue, smctl_abort or smctl_undo; never retry a step by hand.
            """),
        new(new Prompt
        {
            Name = "resume_run",
            Title = "Resume an interrupted multi-repo run",
            Description = "Explain where an interrupted flow run stopped and how to continue, skip, abort or undo it.",
        }, _ => """
            Read the resource smctl://flow/run. Tell me which command was running, which repos finished, which step failed and why.
            Then suggest exactly one of: smctl_continue (after I fixed the cause, e.g. resolved a conflict), smctl_skip (give up the rest of the failed repo's steps),
            smctl_abort (put every repo back as it was before the run), or smctl_undo (reverse a completed run). Do not call it until I confirm.
            """),
    ];

    public static ValueTask<ListPromptsResult> ListAsync(RequestContext<ListPromptsRequestParams> request, CancellationToken ct) =>
        ValueTask.FromResult(new ListPromptsResult { Prompts = [.. Entries.Select(e => e.Prompt)] });

    public static ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken ct)
    {
        var name = request.Params?.Name;
        var entry = Entries.FirstOrDefault(e => e.Prompt.Name == name)
            ?? throw new McpProtocolException($"Unknown prompt: '{name}'", McpErrorCode.InvalidParams);
        var arguments = request.Params!.Arguments ?? new Dictionary<string, JsonElement>();
        foreach (var required in entry.Prompt.Arguments?.Where(a => a.Required == true) ?? [])
            if (!arguments.TryGetValue(required.Name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 })
                throw new McpProtocolException($"prompt '{name}' needs the argument '{required.Name}'", McpErrorCode.InvalidParams);
        string? Arg(string key) => arguments.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return ValueTask.FromResult(new GetPromptResult
        {
            Description = entry.Prompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = WithToolsets(entry.Text(Arg)) } }],
        });
    }

    /// <summary>
    /// Completes what has a finite set: the prompts' repos (after the last comma), their feature (the feature branches
    /// across the repos), and a change's name in the smctl://spec/{name}/… templates (the active changes).
    /// </summary>
    public static McpRequestHandler<CompleteRequestParams, CompleteResult> Complete(ServeSettings settings) => async (request, ct) =>
    {
        var values = new List<string>();
        var typed = request.Params?.Argument?.Value ?? "";
        try
        {
            var context = settings.NewContext(dryRun: false);
            switch (request.Params)
            {
                case { Ref: PromptReference prompt, Argument.Name: "repos" } when Entries.Any(e => e.Prompt.Name == prompt.Name):
                    var chosen = typed[..(typed.LastIndexOf(',') + 1)];
                    var partial = typed[chosen.Length..].Trim();
                    values.AddRange(context.RequireWorkspace().Repos.Select(r => r.Name).Where(n => n.StartsWith(partial, StringComparison.Ordinal)).Select(n => chosen + n));
                    break;
                case { Ref: PromptReference prompt, Argument.Name: "feature" } when Entries.Any(e => e.Prompt.Name == prompt.Name):
                    var branches = await OperationCatalog.FeatureList.RunAsync(context, new FlowListInput(), ct).ConfigureAwait(false);
                    values.AddRange(branches.Branches.Select(b => b.Name).Distinct().Where(n => n.StartsWith(typed, StringComparison.Ordinal)));
                    break;
                case { Ref: ResourceTemplateReference template, Argument.Name: "name" } when template.Uri?.StartsWith(ResourceCatalog.SpecPrefix, StringComparison.Ordinal) == true:
                    var changes = await OperationCatalog.SpecList.RunAsync(context, new SpecListInput(), ct).ConfigureAwait(false);
                    values.AddRange(changes.Changes.Select(c => c.Name).Where(n => n.StartsWith(typed, StringComparison.Ordinal)));
                    break;
            }
        }
        catch (Smctl.Core.Errors.SmctlException)
        {
            // No workspace (or no spec root): nothing to offer.
        }
        return new CompleteResult { Completion = new Completion { Values = [.. values.Take(100)], Total = values.Count, HasMore = values.Count > 100 } };
    };

    /// <summary>A prompt that names tools outside the toolsets a session starts with says first how to list them.</summary>
    private static string WithToolsets(string text)
    {
        var needed = ToolName().Matches(text).Select(m => OperationCatalog.All.FirstOrDefault(o => o.Info.ToolName == m.Value))
            .OfType<IOperation>().Select(Toolsets.Of).Distinct().Where(t => !Toolsets.Default.Contains(t.Name)).Select(t => JsonSerializer.Serialize(t.Name, McpJson.Default.String)).ToList();
        return needed.Count == 0 ? text
            : $"If the tools named below are not all listed, first call {ToolsetEnable.Name} with {{\"toolsets\": [{string.Join(", ", needed)}]}}.\n" + text;
    }

    [GeneratedRegex(@"\bsmctl_[a-z_]+\b")]
    private static partial Regex ToolName();

    private static string Repos(Func<string, string?> arg) => arg("repos") is { Length: > 0 } r ? $" (repos: {r})" : "";

    private static string ReposJson(Func<string, string?> arg) =>
        arg("repos") is { Length: > 0 } r ? ", \"repos\": [" + string.Join(", ", r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => JsonSerializer.Serialize(x, McpJson.Default.String))) + "]" : "";
}

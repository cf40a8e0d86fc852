using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Operations;

/// <summary>An operation seen without its types: what the catalog lists, and what a JSON front end (MCP) calls.</summary>
public interface IOperation
{
    OperationInfo Info { get; }
    Type InputType { get; }
    Type ResultType { get; }
    JsonTypeInfo InputTypeInfo { get; }
    JsonTypeInfo ResultTypeInfo { get; }

    /// <summary>Reads the input from JSON, runs, and returns the result as the CLI's <c>--json</c> would print it.</summary>
    Task<OperationOutput> RunJsonAsync(SmctlContext context, JsonObject input, CancellationToken ct);
}

/// <summary>A typed input record in, a typed result record out; no console I/O.</summary>
public interface IOperation<TInput, TResult> : IOperation
{
    Task<TResult> RunAsync(SmctlContext context, TInput input, CancellationToken ct);
    JsonTypeInfo<TInput> InputJson { get; }
    JsonTypeInfo<TResult> ResultJson { get; }
    Type IOperation.InputType => typeof(TInput);
    Type IOperation.ResultType => typeof(TResult);
    JsonTypeInfo IOperation.InputTypeInfo => InputJson;
    JsonTypeInfo IOperation.ResultTypeInfo => ResultJson;

    async Task<OperationOutput> IOperation.RunJsonAsync(SmctlContext context, JsonObject input, CancellationToken ct)
    {
        // The same reader as the CLI's: one refusal of unknown or ill-typed arguments, then the input's own rules.
        var typed = Inputs.InputReader.Read(InputJson, input, f => f.JsonName);
        var result = await this.InvokeAsync(context, typed, ct).ConfigureAwait(false);
        return new OperationOutput(await Plans.CallPlans.JsonAsync(context, this, typed, result, ct).ConfigureAwait(false), (result as IOutcome)?.FailureKind);
    }
}

/// <summary>A result as JSON text (exactly the CLI's <c>--json</c>), and the error kind when the work itself failed.</summary>
public sealed record OperationOutput(string Json, Errors.ErrorKind? FailureKind);

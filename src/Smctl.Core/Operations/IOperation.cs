using System.Text.Json.Serialization.Metadata;

namespace Smctl.Core.Operations;

/// <summary>An operation seen without its types: what the catalog lists.</summary>
public interface IOperation
{
    OperationInfo Info { get; }
    Type InputType { get; }
    Type ResultType { get; }
}

/// <summary>A typed input record in, a typed result record out; no console I/O.</summary>
public interface IOperation<TInput, TResult> : IOperation
{
    Task<TResult> RunAsync(SmctlContext context, TInput input, CancellationToken ct);
    JsonTypeInfo<TInput> InputJson { get; }
    JsonTypeInfo<TResult> ResultJson { get; }
    Type IOperation.InputType => typeof(TInput);
    Type IOperation.ResultType => typeof(TResult);
}

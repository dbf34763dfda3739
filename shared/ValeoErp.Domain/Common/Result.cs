namespace ValeoErp.Domain.Common;

/// <summary>A failure a caller can act on. Each kind maps to one HTTP status at the edge.</summary>
public abstract record Error(string Code, string Message);

public sealed record FieldError(string Field, string Message);

/// <summary>Input that can never be right (400): every offending field is named at once.</summary>
public sealed record ValidationFailed(IReadOnlyList<FieldError> Fields)
    : Error("validation", "One or more fields are invalid.");

/// <summary>The record does not exist for this tenant (404; another tenant's record looks the same).</summary>
public sealed record NotFound(string Resource, string Id)
    : Error("not-found", $"{Resource} '{Id}' was not found.");

/// <summary>A business rule forbids the command in the current state (409). The code is a stable id.</summary>
public sealed record RuleBroken(string Rule, string Detail) : Error(Rule, Detail);

/// <summary>An update without a version to compare (428).</summary>
public sealed record VersionRequired() : Error("precondition-required", "This update needs an If-Match header with the current ETag.");

/// <summary>An update against an outdated version (412).</summary>
public sealed record VersionMismatch(long Current) : Error("precondition-failed", "The record was changed since it was read; read it again and retry.");

/// <summary>An Idempotency-Key reused with a different request (422).</summary>
public sealed record IdempotencyKeyReused() : Error("idempotency-key-reused", "This Idempotency-Key was already used with a different request.");

public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error!.Code}");

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}

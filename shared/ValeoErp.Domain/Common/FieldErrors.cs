namespace ValeoErp.Domain.Common;

/// <summary>
/// Collects every field error of one input so the caller learns all of them in one answer.
/// Field names are the JSON paths the client sent (camelCase, dots for nesting).
/// </summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;
    public IReadOnlyList<FieldError> All => _errors;

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <summary>Records "required" when the value is missing or blank; returns the trimmed value otherwise.</summary>
    public string? Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
            return null;
        }
        return MaxLength(field, value, maxLength);
    }

    public string? Optional(string field, string? value, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? null : MaxLength(field, value, maxLength);

    public T? Check<T>(string field, string? value, Func<string, Result<T>> parse) where T : class
    {
        if (value is null) return null;
        var result = parse(value);
        if (result.IsSuccess) return result.Value;
        Add(field, result.Error!.Message);
        return null;
    }

    public decimal? NonNegative(string field, decimal? value, int decimals)
    {
        if (value is null) return null;
        if (value < 0) Add(field, "must not be negative.");
        else if (decimal.Round(value.Value, decimals) != value) Add(field, $"allows at most {decimals} decimal places.");
        return value;
    }

    public void Merge(string prefix, FieldErrors inner)
    {
        foreach (var e in inner._errors) Add($"{prefix}.{e.Field}", e.Message);
    }

    public ValidationFailed ToError() => new(_errors.ToArray());

    private string? MaxLength(string field, string value, int maxLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length <= maxLength) return trimmed;
        Add(field, $"must be at most {maxLength} characters.");
        return null;
    }
}

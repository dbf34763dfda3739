namespace ValeoErp.Domain.Common;

/// <summary>A company (Mandant). Comes from the token only, never from a body or a route.</summary>
public readonly record struct TenantId
{
    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static Result<TenantId> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length is < 2 or > 40
            || !value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
            || value[0] == '-' || value[^1] == '-')
            return new RuleBroken("invalid-tenant", "A tenant id is 2-40 characters of a-z, 0-9 and inner hyphens.");
        return new TenantId(value);
    }

    public override string ToString() => Value;
}

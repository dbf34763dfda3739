namespace ValeoErp.Application.Abstractions;

public sealed record Versioned<T>(T Value, long Version)
{
    public string ETag => ETags.Format(Version);

    /// <summary>The stored text this value was read from, when it was read (the audit's "before" without serialising again).</summary>
    public string? Json { get; init; }
}

/// <summary>Strong ETags carry the record version: <c>"7"</c>.</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version}\"";

    /// <summary>If-Match semantics (RFC 9110): a list of tags or <c>*</c>; weak tags compare by their value.</summary>
    public static bool Matches(string ifMatch, long version)
    {
        var current = Format(version);
        foreach (var raw in ifMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "*") return true;
            var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
            if (tag == current) return true;
        }
        return false;
    }
}

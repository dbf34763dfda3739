using System.Collections.Concurrent;
using System.Security.Claims;
using NodaTime;

namespace ValeoErp.Functions.Auth;

/// <summary>
/// Bearer tokens already validated, by their exact text. A client sends the same token on every request, and
/// validating it again (parse, signature, lifetime, claims) was a seventh of the CPU of a read by id. An entry is
/// used until the token expires by the injected clock, and for at most <see cref="MaxAge"/>, so a signing key that
/// is withdrawn stops being honoured within that time. The principal is shared and treated as read-only.
/// </summary>
public sealed class ValidatedTokens(IClock clock)
{
    public static readonly Duration MaxAge = Duration.FromMinutes(5);
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(ClaimsPrincipal Principal, Instant Until);

    public ClaimsPrincipal? Find(string token)
    {
        if (!_entries.TryGetValue(token, out var entry)) return null;
        if (clock.GetCurrentInstant() < entry.Until) return entry.Principal;
        _entries.TryRemove(token, out _);
        return null;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTime validTo)
    {
        var now = clock.GetCurrentInstant();
        var expires = validTo == DateTime.MinValue ? now : Instant.FromDateTimeUtc(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
        var until = Instant.Min(expires, now + MaxAge);
        if (until <= now) return;
        if (_entries.Count >= Capacity) _entries.Clear(); // many distinct callers: start over rather than grow
        _entries[token] = new Entry(principal, until);
    }

    /// <summary>The token of an <c>Authorization: Bearer ...</c> header, else null.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}

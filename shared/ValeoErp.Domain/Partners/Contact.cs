using System.Text.RegularExpressions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

/// <summary>A person at a partner (Ansprechpartner).</summary>
public sealed partial record Contact
{
    public required string Id { get; init; }
    public required string PartnerId { get; init; }
    public required string Name { get; init; }
    public string? Position { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>A plausible address: one @, a dot in the domain, no spaces. Deliverability is checked by mail, not here.</summary>
    public static Result<string> ParseEmail(string value)
    {
        var email = value.Trim();
        return email.Length <= 254 && EmailShape().IsMatch(email)
            ? email
            : new RuleBroken("invalid-email", "must be an email address such as name@example.de.");
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")] private static partial Regex EmailShape();
}

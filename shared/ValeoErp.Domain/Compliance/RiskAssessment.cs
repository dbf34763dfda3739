using NodaTime;

namespace ValeoErp.Domain.Compliance;

public enum RiskLevel { Low, Medium, High }

/// <summary>
/// A supplier risk assessment (LkSG, Lieferkettensorgfaltspflichtengesetz §5: risk analysis of direct suppliers,
/// repeated at least yearly and on cause): when, how risky, what was found, what is done about it and when it is
/// due again. Added, never edited: a review is a new assessment.
/// </summary>
public sealed record RiskAssessment
{
    public required string Id { get; init; }
    public required string PartnerId { get; init; }
    public required LocalDate AssessedOn { get; init; }
    public required RiskLevel Risk { get; init; }
    public required string Findings { get; init; }
    /// <summary>Preventive or remedial measures (LkSG §§6, 7); required once a risk is medium or high.</summary>
    public string? Measures { get; init; }
    public required LocalDate NextReviewDue { get; init; }
    public required string AssessedBy { get; init; }
    public required Instant RecordedAt { get; init; }

    /// <summary>Current while its review is not overdue: due today still counts.</summary>
    public bool IsCurrentOn(LocalDate today) => NextReviewDue >= today;

    /// <summary>A supplier is without a current assessment when none of theirs is current on the day.</summary>
    public static bool HasCurrent(IEnumerable<RiskAssessment> ofSupplier, LocalDate today) => ofSupplier.Any(a => a.IsCurrentOn(today));
}

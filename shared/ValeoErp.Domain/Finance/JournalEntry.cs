using NodaTime;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Finance;

public sealed record JournalLine(string Account, decimal Debit, decimal Credit, string? TaxCode = null);

/// <summary>
/// A balanced booking. Immutable once written; a correction is a reversal entry that swaps debit and
/// credit and points back to the original.
/// </summary>
public sealed record JournalEntry
{
    public required string Id { get; init; }
    public required LocalDate Date { get; init; }
    public required string DocumentNumber { get; init; }
    public string? DocumentId { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<JournalLine> Lines { get; init; }
    public required string PostedBy { get; init; }
    public required Instant PostedAt { get; init; }
    public string? ReversalOf { get; init; }
    public string? ReversedBy { get; init; }

    public decimal DebitTotal => Lines.Sum(l => l.Debit);
    public decimal CreditTotal => Lines.Sum(l => l.Credit);

    /// <summary>Builds an entry and enforces double entry: balanced to the cent, every line on exactly one side.</summary>
    public static Result<JournalEntry> Create(string id, LocalDate date, string documentNumber, string? documentId,
        string description, IEnumerable<JournalLine> lines, string by, Instant at)
    {
        // Lines of the same account and side are merged; zero lines are dropped.
        var merged = lines
            .GroupBy(l => (l.Account, Side: l.Debit > 0 ? 'S' : 'H', l.TaxCode))
            .Select(g => new JournalLine(g.Key.Account, g.Sum(l => l.Debit), g.Sum(l => l.Credit), g.Key.TaxCode))
            .Where(l => l.Debit != 0 || l.Credit != 0)
            .ToArray();
        if (merged.Length < 2) return new RuleBroken("entry-incomplete", "A journal entry needs at least one debit and one credit line.");
        if (merged.Any(l => l.Debit < 0 || l.Credit < 0 || (l.Debit != 0 && l.Credit != 0) || Money.Round(l.Debit) != l.Debit || Money.Round(l.Credit) != l.Credit))
            return new RuleBroken("entry-invalid-line", "Each line is a positive amount in cents on exactly one side.");
        var debit = merged.Sum(l => l.Debit);
        var credit = merged.Sum(l => l.Credit);
        if (debit != credit) return new RuleBroken("entry-unbalanced", $"Debit {debit:0.00} and credit {credit:0.00} differ.");
        return new JournalEntry
        {
            Id = id, Date = date, DocumentNumber = documentNumber, DocumentId = documentId, Description = description,
            Lines = merged, PostedBy = by, PostedAt = at,
        };
    }

    public Result<JournalEntry> Reverse(string id, LocalDate date, string by, Instant at)
    {
        if (ReversedBy is not null) return new RuleBroken("entry-already-reversed", $"Entry {Id} was already reversed by {ReversedBy}.");
        if (ReversalOf is not null) return new RuleBroken("entry-is-reversal", "A reversal entry cannot itself be reversed; post a new entry.");
        if (date < Date) return new RuleBroken("reversal-before-entry", "A reversal cannot be dated before the entry it reverses.");
        var reversal = Create(id, date, DocumentNumber, DocumentId, $"Storno: {Description}",
            Lines.Select(l => l with { Debit = l.Credit, Credit = l.Debit }), by, at);
        return reversal.IsSuccess ? reversal.Value with { ReversalOf = Id } : reversal;
    }
}

using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Finance;

/// <summary>How journal entries, open items and closed periods are stored: in the fiscal year's scope, ids carry the year.</summary>
public static class Books
{
    public const string EntryType = "journal-entry";
    public const string OpenItemType = "open-item";
    public const string ClosedPeriodType = "period-closed";

    public static string NewId(int year) => $"{year:0000}-{Ids.New()}";

    public static string Text(string description) => description.Length <= 120 ? description : description[..120];

    public static async Task<bool> IsClosed(Ledger ledger, LocalDate date, CancellationToken ct) =>
        await ledger.Find<ClosedPeriod>(Scope.Year(date.Year), ClosedPeriodType, Periods.Of(date), ct) is not null;

    public static RuleBroken PeriodClosed(LocalDate date) =>
        new("period-closed", $"The period {Periods.Of(date)} is closed; post into an open period.");

    /// <summary>Part of every posting's atomic write: fails it if the period is closed meanwhile.</summary>
    public static AssertAbsent OpenPeriodGuard(LocalDate date) => new(ClosedPeriodType, Periods.Of(date));

    public static Func<RecordConflictException, Error?> ExplainClosedPeriod(LocalDate date) =>
        e => e is { Kind: ConflictKind.Present, Type: ClosedPeriodType } ? PeriodClosed(date) : null;

    public static void StageEntry(Ledger ledger, ChangeSet changes, JournalEntry entry)
    {
        Ledger.Create(changes, EntryType, entry.Id, entry,
            new RecordIndex($"{entry.Date:yyyy-MM-dd}|{entry.Id}", SearchText.Index(entry.DocumentNumber, entry.Description),
                entry.DocumentId is null ? [] : [$"document:{entry.DocumentId}"]));
        ledger.Record(changes, EntryType, "journalEntry.posted", entry.Id, null, ValeoJson.Serialize(entry));
    }

    public static void StageOpenItem(Ledger ledger, ChangeSet changes, OpenItem item, Versioned<OpenItem>? before)
    {
        var index = new RecordIndex($"{item.DueDate:yyyy-MM-dd}|{item.Id}", SearchText.Index(item.DocumentNumber),
            [$"partner:{item.PartnerId}", item.IsOpen ? "open" : "closed", item.Side == OpenItemSide.Receivable ? "receivable" : "payable"]);
        if (before is null) Ledger.Create(changes, OpenItemType, item.Id, item, index);
        else Ledger.Replace(changes, OpenItemType, item.Id, before.Version, item, index);
        ledger.Record(changes, OpenItemType, before is null ? "openItem.opened" : item.IsOpen ? "openItem.settledPartly" : "openItem.settled",
            item.Id, before?.Value, item);
    }

    public static Scope? ScopeOf(string id) => Documents.DocumentStore.ScopeOf(id);
}

public sealed record ClosedPeriod(string Period, string ClosedBy, Instant ClosedAt);

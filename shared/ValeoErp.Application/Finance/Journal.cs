using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Finance;

public sealed record JournalLineInput(string? Account, decimal? Debit, decimal? Credit);

public sealed record ManualEntryInput(string? Date, string? DocumentNumber, string? Description, IReadOnlyList<JournalLineInput>? Lines);

public sealed record ReverseInput(string? Date);

public sealed record TrialBalanceLine(string Account, string Name, decimal Debit, decimal Credit, decimal Balance);

public sealed record TrialBalance(LocalDate From, LocalDate To, IReadOnlyList<TrialBalanceLine> Accounts, decimal DebitTotal, decimal CreditTotal);

/// <summary>
/// The journal: reading entries by date range, manual entries (opening balances, accruals), reversals
/// (Storno) instead of edits, closing periods, and the trial balance (Summen- und Saldenliste).
/// </summary>
public sealed class Journal(Ledger ledger)
{
    /// <summary>Entries in a date range, oldest first, paging across fiscal years (token: year~position).</summary>
    public async Task<Result<Page<JournalEntry>>> List(string? from, string? to, int limit, string? continuation, CancellationToken ct)
    {
        var range = Range(from, to);
        if (!range.IsSuccess) return range.Error!;
        var (start, end) = range.Value;
        var year = start.Year;
        string? inner = null;
        if (continuation is not null)
        {
            var parts = continuation.Split('~', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out year) || year < start.Year || year > end.Year) throw new InvalidContinuationException();
            inner = parts[1].Length == 0 ? null : parts[1];
        }
        var items = new List<JournalEntry>();
        for (; year <= end.Year; year++, inner = null)
        {
            var page = await ledger.List<JournalEntry>(Scope.Year(year),
                new RecordQuery(Books.EntryType, limit - items.Count, inner, KeyFrom: $"{start:yyyy-MM-dd}", KeyTo: $"{end:yyyy-MM-dd}|\uffff"), ct);
            items.AddRange(page.Items.Select(v => v.Value));
            if (page.Continuation is not null) return new Page<JournalEntry>(items, $"{year}~{page.Continuation}");
            if (items.Count == limit) return new Page<JournalEntry>(items, year < end.Year ? $"{year + 1}~" : null);
        }
        return new Page<JournalEntry>(items, null);
    }

    public async Task<Result<JournalEntry>> Get(string id, CancellationToken ct) =>
        Books.ScopeOf(id) is { } scope && await ledger.Find<JournalEntry>(scope, Books.EntryType, id, ct) is { } found
            ? found.Value
            : new NotFound("Journal entry", id);

    public Task<Result<JournalEntry>> PostManual(ManualEntryInput input, CancellationToken ct) =>
        Ledger.Retrying<JournalEntry>(async () =>
        {
            var errors = new FieldErrors();
            var date = Orders.ParseDate(errors, "date", input.Date, required: true);
            var number = errors.Required("documentNumber", input.DocumentNumber, 36);
            var description = errors.Required("description", input.Description, 120);
            if (input.Lines is not { Count: >= 2 }) errors.Add("lines", "name at least two lines.");
            var chart = (await ledger.All<Account>(Scope.Master, AccountResource.Instance.RecordType, ct)).Select(a => a.Number).ToHashSet();
            var lines = new List<JournalLine>();
            for (var i = 0; i < (input.Lines?.Count ?? 0); i++)
            {
                var l = input.Lines![i];
                var account = errors.Required($"lines[{i}].account", l.Account, 10);
                if (account is not null && !chart.Contains(account)) errors.Add($"lines[{i}].account", "is not in this company's chart of accounts.");
                errors.NonNegative($"lines[{i}].debit", l.Debit, 2);
                errors.NonNegative($"lines[{i}].credit", l.Credit, 2);
                if (account is not null) lines.Add(new JournalLine(account, l.Debit ?? 0m, l.Credit ?? 0m));
            }
            if (errors.Any) return errors.ToError();
            if (await Books.IsClosed(ledger, date!.Value, ct)) return Books.PeriodClosed(date.Value);
            var entry = JournalEntry.Create(Books.NewId(date.Value.Year), date.Value, number!, null, description!, lines, ledger.UserId, ledger.Now);
            if (!entry.IsSuccess) return entry.Error!;
            var changes = new ChangeSet();
            Books.StageEntry(ledger, changes, entry.Value);
            changes.Writes.Add(Books.OpenPeriodGuard(date.Value));
            ledger.Respond(changes, 201, $"/api/v1/journal-entries/{entry.Value.Id}", null, entry.Value);
            return await ledger.Commit(Scope.Year(date.Value.Year), changes, ct, Books.ExplainClosedPeriod(date.Value)) is { } error ? error : entry.Value;
        });

    /// <summary>
    /// Storno: a new entry with debit and credit swapped. Entries that belong to an invoice or a payment are
    /// corrected through a credit note instead, so the open items stay right.
    /// </summary>
    public Task<Result<JournalEntry>> Reverse(string id, ReverseInput input, CancellationToken ct) =>
        Ledger.Retrying<JournalEntry>(async () =>
        {
            var original = await Get(id, ct);
            if (!original.IsSuccess) return original.Error!;
            var entry = original.Value;
            if (entry.DocumentId is not null)
                return new RuleBroken("entry-belongs-to-document", $"Entry {entry.Id} belongs to document {entry.DocumentNumber}; correct it with a credit note.");
            var errors = new FieldErrors();
            var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? (entry.Date > ledger.Today ? entry.Date : ledger.Today);
            if (errors.Any) return errors.ToError();
            if (date.Year != entry.Date.Year) date = entry.Date.Year < date.Year ? new LocalDate(entry.Date.Year, 12, 31) : date;
            if (await Books.IsClosed(ledger, date, ct)) return Books.PeriodClosed(date);
            var reversal = entry.Reverse(Books.NewId(date.Year), date, ledger.UserId, ledger.Now);
            if (!reversal.IsSuccess) return reversal.Error!;

            var changes = new ChangeSet();
            Books.StageEntry(ledger, changes, reversal.Value);
            // One reversal per entry: the marker's id is the original's, so a second reversal conflicts.
            Ledger.Create(changes, "reversal", entry.Id, new { reversedBy = reversal.Value.Id }, RecordIndex.For(entry.Id));
            changes.Writes.Add(Books.OpenPeriodGuard(date));
            ledger.Respond(changes, 201, $"/api/v1/journal-entries/{reversal.Value.Id}", null, reversal.Value);
            return await ledger.Commit(Scope.Year(date.Year), changes, ct, e => e switch
            {
                { Type: "reversal", Kind: ConflictKind.AlreadyExists } => new RuleBroken("entry-already-reversed", $"Entry {entry.Id} was already reversed."),
                _ => Books.ExplainClosedPeriod(date)(e),
            }) is { } error ? error : reversal.Value;
        });

    public async Task<Result<ClosedPeriod>> ClosePeriod(string period, CancellationToken ct)
    {
        if (!Periods.TryParse(period, out var p)) return new ValidationFailed([new FieldError("period", "must be YYYY-MM.")]);
        var closed = new ClosedPeriod(period, ledger.UserId, ledger.Now);
        var changes = new ChangeSet();
        Ledger.Create(changes, Books.ClosedPeriodType, period, closed, RecordIndex.For(period));
        ledger.Record(changes, Books.ClosedPeriodType, "period.closed", period, null, ValeoJson.Serialize(closed));
        ledger.Respond(changes, 200, null, null, closed);
        return await ledger.Commit(Scope.Year(p.Year), changes, ct, e => e.Kind == ConflictKind.AlreadyExists
            ? new RuleBroken("period-already-closed", $"The period {period} is already closed.")
            : null) is { } error ? error : closed;
    }

    public async Task<IReadOnlyList<ClosedPeriod>> ClosedPeriods(int year, CancellationToken ct) =>
        await ledger.All<ClosedPeriod>(Scope.Year(year), Books.ClosedPeriodType, ct);

    public async Task<Result<TrialBalance>> TrialBalance(string? from, string? to, CancellationToken ct)
    {
        var range = Range(from, to);
        if (!range.IsSuccess) return range.Error!;
        var totals = new Dictionary<string, (decimal Debit, decimal Credit)>();
        string? continuation = null;
        do
        {
            var page = await List(from, to, 200, continuation, ct);
            foreach (var line in page.Value.Items.SelectMany(e => e.Lines))
            {
                var t = totals.GetValueOrDefault(line.Account);
                totals[line.Account] = (t.Debit + line.Debit, t.Credit + line.Credit);
            }
            continuation = page.Value.Continuation;
        } while (continuation is not null);

        var names = (await ledger.All<Account>(Scope.Master, AccountResource.Instance.RecordType, ct)).ToDictionary(a => a.Number, a => a.Name);
        var lines = totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TrialBalanceLine(t.Key, names.GetValueOrDefault(t.Key, ""), t.Value.Debit, t.Value.Credit, t.Value.Debit - t.Value.Credit))
            .ToArray();
        return new TrialBalance(range.Value.From, range.Value.To, lines, lines.Sum(l => l.Debit), lines.Sum(l => l.Credit));
    }

    private Result<(LocalDate From, LocalDate To)> Range(string? from, string? to)
    {
        var errors = new FieldErrors();
        var start = Orders.ParseDate(errors, "from", from, required: false) ?? new LocalDate(ledger.Today.Year, 1, 1);
        var end = Orders.ParseDate(errors, "to", to, required: false) ?? new LocalDate(start.Year, 12, 31);
        if (!errors.Any && end < start) errors.Add("to", "must not be before from.");
        if (!errors.Any && end.Year - start.Year > 10) errors.Add("to", "a range may span at most ten fiscal years.");
        return errors.Any ? errors.ToError() : (start, end);
    }
}

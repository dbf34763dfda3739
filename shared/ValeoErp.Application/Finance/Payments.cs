using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Finance;

public sealed record PaymentInput([property: Required, MaxLength(64)] string? OpenItemId, [property: Required] decimal? Amount, [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? Date = null);

public sealed record PaymentResult(string JournalEntryId, decimal Amount, decimal Discount, IReadOnlyList<DiscountShare> DiscountShares, OpenItem OpenItem);

/// <summary>
/// Settles an open item with a bank payment, partly or fully; within the discount period a payment of at
/// least gross minus Skonto closes it and books the discount per VAT rate with the VAT correction. The
/// entry and the item change together; a payment dated in a later year stays with its item's fiscal year.
/// </summary>
public sealed class Payments(Ledger ledger, Settings settings)
{
    public Task<Result<PaymentResult>> Register(PaymentInput input, CancellationToken ct) =>
        Ledger.Retrying<PaymentResult>(async () =>
        {
            var errors = new FieldErrors();
            var itemId = errors.Required("openItemId", input.OpenItemId, 64);
            if (input.Amount is null) errors.Add("amount", "is required.");
            var date = Orders.ParseDate(errors, "date", input.Date, required: true);
            if (errors.Any) return errors.ToError();
            if (Books.ScopeOf(itemId!) is not { } scope || await ledger.Find<OpenItem>(scope, Books.OpenItemType, itemId!, ct) is not { } item)
                return new NotFound("Open item", itemId!);
            if (item.Value.Amount < 0m) return new RuleBroken("credit-item", "This item is a credit; offset it against an invoice instead of paying it.");
            if (await Books.IsClosed(ledger, date!.Value, ct)) return Books.PeriodClosed(date.Value);

            var entryId = Books.NewId(date.Value.Year);
            var settled = item.Value.Settle(input.Amount!.Value, date.Value, entryId);
            if (!settled.IsSuccess) return settled.Error!;
            var (updated, settlement) = settled.Value;
            var lines = PostingRules.Payment(updated, settlement, await settings.Accounts(ct));
            var description = settlement.Discount > 0m
                ? $"Zahlung {item.Value.DocumentNumber} abzgl. {settlement.Discount:0.00} Skonto"
                : $"Zahlung {item.Value.DocumentNumber}";
            var entry = JournalEntry.Create(entryId, date.Value, item.Value.DocumentNumber, item.Value.DocumentId, description, lines, ledger.UserId, ledger.Now);
            if (!entry.IsSuccess) return entry.Error!;

            var changes = new ChangeSet();
            Books.StageEntry(ledger, changes, entry.Value);
            Books.StageOpenItem(ledger, changes, updated, item);
            if (scope == Scope.Year(date.Value.Year)) changes.Writes.Add(Books.OpenPeriodGuard(date.Value));
            var result = new PaymentResult(entry.Value.Id, settlement.Amount, settlement.Discount, settlement.DiscountShares, updated);
            ledger.Respond(changes, 201, $"/api/v1/journal-entries/{entry.Value.Id}", null, result);
            return await ledger.Commit(scope, changes, ct, Books.ExplainClosedPeriod(date.Value)) is { } error ? error : result;
        });
}

/// <summary>Open items by partner and status, across the fiscal years still likely to hold open items.</summary>
public sealed class OpenItems(Ledger ledger)
{
    public async Task<IReadOnlyList<OpenItem>> List(string? partnerId, string? status, int? year, CancellationToken ct)
    {
        var label = partnerId is { Length: > 0 } ? $"partner:{partnerId}" : status is "open" or "closed" ? status : null;
        var years = year is { } y ? [y] : Enumerable.Range(ledger.Today.Year - 2, 3).ToArray();
        var items = new List<OpenItem>();
        foreach (var fiscalYear in years) items.AddRange(await ledger.All<OpenItem>(Scope.Year(fiscalYear), Books.OpenItemType, ct, label));
        return items.Where(i => status switch { "open" => i.IsOpen, "closed" => !i.IsOpen, _ => true })
            .OrderBy(i => i.DueDate).ToArray();
    }

    public async Task<Result<OpenItem>> Get(string id, CancellationToken ct) =>
        Books.ScopeOf(id) is { } scope && await ledger.Find<OpenItem>(scope, Books.OpenItemType, id, ct) is { } found
            ? found.Value
            : new NotFound("Open item", id);
}

public sealed record OffsetInput([property: Required, MaxLength(64)] string? AgainstId, decimal? Amount = null,
    [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? Date = null);

public sealed record OffsetResult(decimal Amount, OpenItem Credit, OpenItem Invoice);

/// <summary>
/// Offsets an open credit (a credit note's item, negative) against an open invoice item of the same partner and side:
/// both open amounts move by the same amount in one atomic write. Both sit on the same receivables or payables
/// account, so no journal entry is needed; items of different fiscal years are offset by paying instead.
/// </summary>
public sealed class OpenItemOffsets(Ledger ledger)
{
    public Task<Result<OffsetResult>> Offset(string creditId, OffsetInput input, CancellationToken ct) =>
        Ledger.Retrying<OffsetResult>(async () =>
        {
            var errors = new FieldErrors();
            var againstId = errors.Required("againstId", input.AgainstId, 64);
            var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? ledger.Today;
            if (errors.Any) return errors.ToError();
            if (Books.ScopeOf(creditId) is not { } scope || await ledger.Find<OpenItem>(scope, Books.OpenItemType, creditId, ct) is not { } credit)
                return new NotFound("Open item", creditId);
            if (Books.ScopeOf(againstId!) is not { } otherScope || await ledger.Find<OpenItem>(otherScope, Books.OpenItemType, againstId!, ct) is not { } invoice)
                return new NotFound("Open item", againstId!);
            if (credit.Value.Amount >= 0m) return new RuleBroken("not-a-credit", $"{credit.Value.DocumentNumber} is not a credit; offset a credit note's item against an invoice.");
            if (invoice.Value.Amount <= 0m) return new RuleBroken("not-an-invoice", $"{invoice.Value.DocumentNumber} is a credit itself.");
            if (credit.Value.PartnerId != invoice.Value.PartnerId || credit.Value.Side != invoice.Value.Side)
                return new RuleBroken("offset-partner-mismatch", "Only items of the same partner and the same side (receivable or payable) can be offset.");
            if (scope != otherScope)
                return new RuleBroken("offset-across-years", "The two items belong to different fiscal years: settle them by payment.");
            if (await Books.IsClosed(ledger, date, ct)) return Books.PeriodClosed(date);
            foreach (var item in new[] { credit.Value, invoice.Value })
                if (!item.IsOpen) return new RuleBroken("open-item-settled", $"Open item {item.DocumentNumber} is already settled.");
            var amount = input.Amount ?? Math.Min(-credit.Value.OpenAmount, invoice.Value.OpenAmount);
            var credited = credit.Value.Offset(amount, date, invoice.Value.Id);
            if (!credited.IsSuccess) return credited.Error!;
            var invoiced = invoice.Value.Offset(amount, date, credit.Value.Id);
            if (!invoiced.IsSuccess) return invoiced.Error!;

            var changes = new ChangeSet();
            Books.StageOpenItem(ledger, changes, credited.Value.Item, credit);
            Books.StageOpenItem(ledger, changes, invoiced.Value.Item, invoice);
            if (scope == Scope.Year(date.Year)) changes.Writes.Add(Books.OpenPeriodGuard(date));
            var result = new OffsetResult(amount, credited.Value.Item, invoiced.Value.Item);
            return await ledger.Commit(scope, changes, ct, Books.ExplainClosedPeriod(date)) is { } error ? error : result;
        });
}

using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Audit;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Finance;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Privacy;

/// <summary>How long a kind of data must be kept, and why (§147 AO, §257 HGB; DOMAIN.md: vouchers 8 years since 2025, books 10).</summary>
public sealed record RetentionRule(string Data, string Rule, LocalDate? KeepUntil);

/// <summary>Everything held about a partner (GDPR Art. 15 and 20): machine-readable, with the retention that applies.</summary>
public sealed record DataSubjectData(Instant ExportedAt, Partner Partner, IReadOnlyList<Contact> Contacts, IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<OpenItem> OpenItems, IReadOnlyList<AuditLogView> AuditEntries, IReadOnlyList<RetentionRule> Retention);

/// <summary>
/// GET /api/v1/gdpr/export/{partnerId}: the partner, its contacts, the documents and open items naming it, and the
/// audit entries about them, across the fiscal years the books keep. The request itself is recorded in the audit log.
/// </summary>
public sealed class DataSubjectExport(Ledger ledger, AuditLog audit)
{
    public const int VoucherYears = 8, BookYears = 10;

    public async Task<Result<DataSubjectData>> Export(string partnerId, CancellationToken ct)
    {
        // Customers and suppliers are one record type: a farmer who buys and sells is one partner.
        if (await ledger.Find<Partner>(Scope.Master, PartnerResource.Customers.RecordType, partnerId, ct) is not { } found)
            return new NotFound("Partner", partnerId);
        var partner = found.Value;
        var label = $"partner:{partnerId}";
        var contacts = await ledger.All<Contact>(Scope.Master, ContactResource.Instance.RecordType, ct, ContactResource.PartnerLabel(partnerId));
        var documents = new List<DocumentView>();
        var items = new List<OpenItem>();
        for (var year = ledger.Today.Year - BookYears; year <= ledger.Today.Year + 1; year++)
        {
            documents.AddRange((await ledger.All<TradeDocument>(Scope.Year(year), DocumentStore.Type, ct, label)).Select(DocumentStore.View));
            items.AddRange(await ledger.All<OpenItem>(Scope.Year(year), Books.OpenItemType, ct, label));
        }
        var entries = new List<AuditLogView>();
        foreach (var entity in contacts.Select(c => c.Id).Prepend(partnerId))
        {
            string? continuation = null;
            do
            {
                var page = await audit.List(entity, 200, continuation, ct);
                entries.AddRange(page.Items);
                continuation = page.Continuation;
            } while (continuation is not null);
        }
        var lastVoucher = documents.Where(d => d.Number is not null).Select(d => (LocalDate?)d.DocumentDate).Max();
        IReadOnlyList<RetentionRule> retention =
        [
            new("Issued and received invoices, credit notes (Buchungsbelege)", $"§147 (1) Nr. 4, (3) AO: {VoucherYears} years after the end of the year",
                lastVoucher is { } v ? new LocalDate(v.Year + VoucherYears, 12, 31) : null),
            new("Journal entries naming the partner (Bücher)", $"§147 (1) Nr. 1 AO, §257 HGB: {BookYears} years after the end of the year",
                items.Count == 0 ? null : new LocalDate(items.Max(i => i.DocumentDate).Year + BookYears, 12, 31)),
            new("Master data and contacts without such documents", "no retention rule: erased on request", null),
        ];

        var result = new DataSubjectData(ledger.Now, partner, contacts, [.. documents.OrderBy(d => d.DocumentDate)], [.. items.OrderBy(i => i.DocumentDate)],
            entries, retention);
        var changes = new ChangeSet();
        ledger.Record(changes, "gdpr-request", "gdpr.exported", partnerId, null, ValeoJson.Serialize(new { partnerId, at = ledger.Now }));
        return await ledger.Commit(Scope.Master, changes, ct) is { } error ? error : result;
    }
}

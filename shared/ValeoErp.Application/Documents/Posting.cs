using ValeoErp.Application.Abstractions;
using ValeoErp.Application.EInvoicing;
using ValeoErp.Application.Finance;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Documents;

/// <summary>
/// Posting an invoice, supplier invoice, self-billed credit note or credit note: in one atomic write it
/// takes the next number of its series, fixes the document, writes one balanced journal entry and the
/// open item. A closed period refuses it; concurrent postings retry, so numbers have no gaps and no twins.
/// </summary>
public sealed class Posting(Ledger ledger, Settings settings, MasterData data, CompanyProfiles profiles, EInvoicing.EInvoices einvoices,
    DocumentArchive archive)
{
    public Task<Result<DocumentOutcome>> Post(string id, DocumentKind kind, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var loaded = await DocumentStore.Load(ledger, id, ct, kind);
            if (!loaded.IsSuccess) return loaded.Error!;
            var draft = loaded.Value.Value;
            if (draft.Status == DocumentStatus.Posted) return Rules.Posted(draft);
            var date = draft.DocumentDate;
            var scope = Scope.Year(date.Year);
            if (await Books.IsClosed(ledger, date, ct)) return Books.PeriodClosed(date);

            var changes = new ChangeSet();
            var number = await Numbering.Next(ledger, changes, date.Year, kind.Series(draft.SelfBilled), ct);
            var posted = draft.Post(number, ledger.UserId, ledger.Now, (await settings.Approval(ct)).Value.For(kind));
            if (!posted.IsSuccess) return posted.Error!;

            var accounts = await settings.Accounts(ct);
            var lines = kind == DocumentKind.PurchaseInvoice
                ? PostingRules.PurchaseInvoice(posted.Value, accounts)
                : PostingRules.SalesInvoice(posted.Value, accounts);
            var description = (kind, draft.SelfBilled) switch
            {
                (DocumentKind.PurchaseInvoice, true) => $"Gutschrift {number} {draft.PartnerName}",
                (DocumentKind.PurchaseInvoice, false) => $"Eingangsrechnung {draft.ExternalReference ?? number} {draft.PartnerName}",
                (DocumentKind.SalesCreditNote, _) => $"Rechnungskorrektur {number} {draft.PartnerName}",
                _ => $"Rechnung {number} {draft.PartnerName}",
            };
            var entry = JournalEntry.Create(Books.NewId(date.Year), date, number, draft.Id, Books.Text(description), lines, ledger.UserId, ledger.Now);
            if (!entry.IsSuccess) return entry.Error!;

            var partner = await data.Get(kind == DocumentKind.PurchaseInvoice ? PartnerResource.Suppliers : PartnerResource.Customers, draft.PartnerId, ct);
            var terms = partner.IsSuccess ? partner.Value.Value.PaymentTerms : PaymentTerms.Net30;
            var discountDate = terms.DiscountPercent > 0m && kind != DocumentKind.SalesCreditNote ? date.PlusDays(terms.DiscountDays) : (NodaTime.LocalDate?)null;
            var item = OpenItem.For(Books.NewId(date.Year), kind == DocumentKind.PurchaseInvoice ? OpenItemSide.Payable : OpenItemSide.Receivable,
                posted.Value, date.PlusDays(terms.NetDays), discountDate, discountDate is null ? 0m : terms.DiscountPercent);
            if (kind == DocumentKind.SalesCreditNote) item = item with { Amount = -item.Amount, OpenAmount = -item.OpenAmount };

            var verification = Verification.IsIssued(posted.Value) ? Verification.NewCode(ledger.Tenant, date.Year) : null;
            var final = posted.Value with
            {
                JournalEntryId = entry.Value.Id, OpenItemId = item.Id, PaymentTerms = terms, DueDate = item.DueDate, DiscountDate = item.DiscountDate,
                VerificationCode = verification,
            };
            // Validate before posting: an e-invoice that would be refused by its recipient is refused here, before
            // anything is written (the drawn number is part of this change set and is not consumed).
            if (await einvoices.CheckBeforePosting(final, ct) is { } invalid) return invalid;
            final = await Archived(final, partner, ct);
            if (verification is not null) Verification.Stage(changes, verification, final, await Verification.IssuerOf(profiles, ledger.Tenant, ct));
            DocumentStore.Stage(ledger, changes, final, loaded.Value, "posted");
            Books.StageEntry(ledger, changes, entry.Value);
            Books.StageOpenItem(ledger, changes, item, before: null);
            changes.Writes.Add(Books.OpenPeriodGuard(date));
            var outcome = new DocumentOutcome(final, loaded.Value.Version + 1);
            ledger.Respond(changes, 200, null, outcome.ETag, DocumentStore.View(final));
            return await ledger.Commit(scope, changes, ct, Books.ExplainClosedPeriod(date)) is { } error ? error : outcome;
        });

    /// <summary>With a company profile, the issued document's PDF and e-invoice go into the archive before the posting commits.</summary>
    private async Task<TradeDocument> Archived(TradeDocument final, Result<Versioned<Partner>> partner, CancellationToken ct)
    {
        if (!partner.IsSuccess || !Verification.IsIssued(final) || await profiles.Get(ct) is not { } company) return final;
        // The e-invoice is archived beside the PDF only when it is valid (for e-invoice customers posting refused it
        // otherwise); a PDF-only customer whose data would make an invalid e-invoice gets and keeps the PDF alone.
        var einvoice = await einvoices.Build(final, ct) is { IsSuccess: true } built
            && EInvoices.Verdict(built.Value, partner.Value.Value.EInvoiceFormat).Count == 0 ? built.Value : null;
        var files = await archive.Store(final, company.Value, partner.Value.Value, await einvoices.Corrected(final, ct), einvoice, ct);
        return files is null ? final : final with { Archive = files };
    }
}
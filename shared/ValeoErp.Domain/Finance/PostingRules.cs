using ValeoErp.Domain.Documents;

namespace ValeoErp.Domain.Finance;

/// <summary>
/// Which lines a business event books (DOMAIN.md, SKR03). Pure: the handlers build the entry from
/// these lines and the tenant's <see cref="PostingAccounts"/>.
/// </summary>
public static class PostingRules
{
    /// <summary>Sales invoice: debit receivables gross; credit revenue net and output VAT per rate. A credit note is the mirror.</summary>
    public static IEnumerable<JournalLine> SalesInvoice(TradeDocument invoice, PostingAccounts accounts)
    {
        var credit = invoice.Kind != DocumentKind.SalesCreditNote;
        yield return Side(accounts.Receivables, invoice.GrossTotal, debit: credit);
        foreach (var tax in invoice.TaxBreakdown)
        {
            yield return Side(PostingAccounts.From(accounts.Revenue, tax.Code, "revenue"), tax.Net, debit: !credit, Key(tax.Code, output: true));
            if (tax.Tax != 0m) yield return Side(PostingAccounts.From(accounts.OutputVat, tax.Code, "output VAT"), tax.Tax, debit: !credit);
        }
    }

    /// <summary>Supplier invoice or self-billed credit note: debit purchases net and input VAT per rate; credit payables gross.</summary>
    public static IEnumerable<JournalLine> PurchaseInvoice(TradeDocument invoice, PostingAccounts accounts)
    {
        foreach (var tax in invoice.TaxBreakdown)
        {
            yield return Side(PostingAccounts.From(accounts.Purchases, tax.Code, "purchases"), tax.Net, debit: true, Key(tax.Code, output: false));
            if (tax.Tax != 0m) yield return Side(PostingAccounts.From(accounts.InputVat, tax.Code, "input VAT"), tax.Tax, debit: true);
        }
        yield return Side(accounts.Payables, invoice.GrossTotal, debit: false);
    }

    /// <summary>
    /// A payment settling an open item. Customer payment: debit bank, debit discount granted (net) and
    /// the output VAT correction per rate, credit receivables with amount + discount. Supplier payment mirrored.
    /// </summary>
    public static IEnumerable<JournalLine> Payment(OpenItem item, Settlement settlement, PostingAccounts accounts)
    {
        var receivable = item.Side == OpenItemSide.Receivable;
        yield return Side(accounts.Bank, settlement.Amount, debit: receivable);
        foreach (var share in settlement.DiscountShares)
        {
            var discountAccount = receivable
                ? PostingAccounts.From(accounts.DiscountsGranted, share.Code, "discounts granted")
                : PostingAccounts.From(accounts.DiscountsReceived, share.Code, "discounts received");
            yield return Side(discountAccount, share.Net, debit: receivable, Key(share.Code, receivable));
            if (share.Tax != 0m)
            {
                var vat = receivable
                    ? PostingAccounts.From(accounts.OutputVat, share.Code, "output VAT")
                    : PostingAccounts.From(accounts.InputVat, share.Code, "input VAT");
                yield return Side(vat, share.Tax, debit: receivable);
            }
        }
        yield return Side(receivable ? accounts.Receivables : accounts.Payables, settlement.Amount + settlement.Discount, debit: !receivable);
    }

    private static JournalLine Side(string account, decimal amount, bool debit, string? taxCode = null) =>
        amount < 0m
            ? Side(account, -amount, !debit, taxCode)
            : new JournalLine(account, debit ? amount : 0m, debit ? 0m : amount, taxCode);

    /// <summary>Marks the line whose amount carries VAT, for the DATEV export (automatic accounts take no key).</summary>
    private static string? Key(VatRateCode code, bool output) => code switch
    {
        VatRateCode.Standard => output ? "19-output" : "19-input",
        VatRateCode.Reduced => output ? "7-output" : "7-input",
        VatRateCode.FlatRateFarmer => "flat-rate-input",
        _ => null,
    };
}

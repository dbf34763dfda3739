using System.Text.Json.Nodes;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>
/// How documents are stored: record type <c>document</c> in the scope of their fiscal year, which the
/// id carries (<c>2026-…</c>) so a point read needs no query. Lists filter by kind and partner labels and
/// sort by date and number.
/// </summary>
public static class DocumentStore
{
    public const string Type = "document";

    public static string NewId(int year) => $"{year:0000}-{Ids.New()}";

    public static Scope? ScopeOf(string id) =>
        id.Length > 5 && id[4] == '-' && int.TryParse(id[..4], out var year) && year is >= 2000 and <= 2100 ? Scope.Year(year) : null;

    public static RecordIndex Index(TradeDocument d) =>
        new RecordIndex($"{d.DocumentDate:yyyy-MM-dd}|{d.Number ?? "~" + d.Id}", SearchText.Index(d.Number, d.PartnerName, d.ExternalReference),
            [KindLabel(d.Kind), $"partner:{d.PartnerId}", $"status:{Camel(d.Status.ToString())}"]);

    public static string KindLabel(DocumentKind kind) => Camel(kind.ToString());

    public static async Task<Result<Versioned<TradeDocument>>> Load(Ledger ledger, string id, CancellationToken ct, params DocumentKind[] kinds)
    {
        var name = kinds.Length == 1 ? Describe(kinds[0]) : "Document";
        if (ScopeOf(id) is not { } scope) return new NotFound(name, id);
        var found = await ledger.Find<TradeDocument>(scope, Type, id, ct);
        if (found is null || (kinds.Length > 0 && !kinds.Contains(found.Value.Kind))) return new NotFound(name, id);
        return found;
    }

    public static void Stage(Ledger ledger, ChangeSet changes, TradeDocument document, Versioned<TradeDocument>? before, string action)
    {
        // One serialisation of the document serves the record, the audit entry and the event; "before" is the text read.
        var json = ValeoJson.Serialize(document);
        changes.Writes.Add(before is null
            ? new CreateRecord(Type, document.Id, json, Index(document))
            : new ReplaceRecord(Type, document.Id, before.Version, json, Index(document)));
        ledger.Record(changes, Type, $"{KindLabel(document.Kind)}.{action}", document.Id,
            before is null ? null : before.Json ?? ValeoJson.Serialize(before.Value), json);
    }

    /// <summary>The API shape of a document (see <see cref="DocumentView"/>).</summary>
    public static DocumentView View(TradeDocument d) => DocumentView.Of(d);

    public static string PathOf(TradeDocument d) => d.Kind switch
    {
        DocumentKind.SalesQuote => "/api/v1/sales-quotes",
        DocumentKind.SalesOrder => "/api/v1/sales-orders",
        DocumentKind.DeliveryNote => "/api/v1/delivery-notes",
        DocumentKind.SalesInvoice => "/api/v1/sales-invoices",
        DocumentKind.SalesCreditNote => "/api/v1/credit-notes",
        DocumentKind.PurchaseOrder => "/api/v1/purchase-orders",
        DocumentKind.GoodsReceipt => "/api/v1/goods-receipts",
        DocumentKind.PurchaseInvoice => "/api/v1/purchase-invoices",
        _ => "/api/v1/documents",
    } + "/" + d.Id;

    public static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.SalesQuote => "Sales quote",
        DocumentKind.SalesOrder => "Sales order",
        DocumentKind.DeliveryNote => "Delivery note",
        DocumentKind.SalesInvoice => "Sales invoice",
        DocumentKind.SalesCreditNote => "Credit note",
        DocumentKind.PurchaseOrder => "Purchase order",
        DocumentKind.GoodsReceipt => "Goods receipt",
        DocumentKind.PurchaseInvoice => "Purchase invoice",
        _ => "Document",
    };

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}

/// <summary>What a document command returns: the document, its new version, and the status to answer with.</summary>
public sealed record DocumentOutcome(TradeDocument Document, long Version, int Status = 200)
{
    public string ETag => ETags.Format(Version);
}

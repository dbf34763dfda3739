using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>Lists documents of one kind and fiscal year (default: the current one), by date and number.</summary>
public sealed class DocumentQueries(Ledger ledger)
{
    public async Task<Result<Page<DocumentView>>> List(DocumentKind kind, int? year, string? partnerId, string? status, string? q,
        int limit, string? continuation, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) return new ValidationFailed([new FieldError("year", "must be a year between 2000 and 2100.")]);
        var more = new List<string>();
        if (!string.IsNullOrWhiteSpace(partnerId)) more.Add($"partner:{partnerId}");
        if (!string.IsNullOrWhiteSpace(status)) more.Add($"status:{status}");
        var query = new RecordQuery(DocumentStore.Type, limit, continuation, DocumentStore.KindLabel(kind),
            string.IsNullOrWhiteSpace(q) ? null : SearchText.Query(q)) { MoreLabels = more };
        var page = await ledger.List<TradeDocument>(Scope.Year(year ?? ledger.Today.Year), query, ct);
        return new Page<DocumentView>(page.Items.Select(v => DocumentStore.View(v.Value)).ToArray(), page.Continuation);
    }

    public async Task<Result<Versioned<TradeDocument>>> Get(DocumentKind kind, string id, CancellationToken ct) =>
        await DocumentStore.Load(ledger, id, ct, kind);
}

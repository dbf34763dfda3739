using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Documents;

/// <summary>
/// Document numbers per tenant, series and fiscal year (e.g. RE-2026-000001). The counter lives in the
/// year's scope and is drawn in the same atomic write as the document, so a number is used exactly once.
/// </summary>
public static class Numbering
{
    public static async Task<string> Next(Ledger ledger, ChangeSet changes, int year, string series, CancellationToken ct)
    {
        var definition = (await ledger.Find<NumberSeries>(Abstractions.Scope.Master, NumberSeriesResource.Instance.RecordType, series, ct))?.Value
                         ?? TenantDefaults.NumberSeries.Single(s => s.DocumentType == series);
        var counter = await ledger.Draw(changes, Abstractions.Scope.Year(year), $"series:{series}", ct);
        return definition.Format(year, counter);
    }
}

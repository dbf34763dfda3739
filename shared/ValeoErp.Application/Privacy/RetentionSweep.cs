using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Privacy;

/// <summary>
/// The daily timer behind erasure requests (function RetentionSweep): once the retention of a posted document of an
/// erased partner has run out (8 years after the end of its year, DataSubjectExport.VoucherYears), the recipient's name
/// on it is replaced by the pseudonym as well. The timer runs it for every tenant, as the system user of that tenant.
/// </summary>
public sealed class RetentionSweep(Ledger ledger)
{
    public async Task<int> Sweep(CancellationToken ct)
    {
        var cleared = 0;
        var lastExpiredYear = ledger.Today.Year - DataSubjectExport.VoucherYears - 1;
        foreach (var erasure in await ledger.All<ErasureRecord>(Scope.Master, DataSubjectErasure.Type, ct))
            for (var year = lastExpiredYear - DataSubjectExport.BookYears; year <= lastExpiredYear; year++)
                foreach (var document in await ledger.All<TradeDocument>(Scope.Year(year), DocumentStore.Type, ct, $"partner:{erasure.PartnerId}"))
                {
                    if (document.PartnerName == erasure.Pseudonym) continue;
                    var current = await DocumentStore.Load(ledger, document.Id, ct, document.Kind);
                    if (!current.IsSuccess) continue;
                    var changes = new ChangeSet();
                    DocumentStore.Stage(ledger, changes, current.Value.Value with { PartnerName = erasure.Pseudonym }, current.Value, "pseudonymised");
                    if (await ledger.Commit(Scope.Year(year), changes, ct) is null) cleared++;
                }
        return cleared;
    }
}

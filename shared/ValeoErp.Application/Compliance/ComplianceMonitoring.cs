using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Compliance;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Inventory;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Compliance;

/// <summary>A violation as the monitor keeps it: open since when, resolved when.</summary>
public sealed record TrackedViolation(string Key, ComplianceArea Area, string Rule, string Subject, string Detail, Instant OpenedAt, Instant? ResolvedAt);

public sealed record AreaStatus(ComplianceArea Area, string Status, int? Score, string ScoreBasis, int Checked, int Violating, IReadOnlyList<TrackedViolation> Open);

/// <summary>GET /api/v1/compliance/overview: per area the status, open violations and the score with how it is computed.</summary>
public sealed record ComplianceOverview(LocalDate Date, string ScoreFormula, IReadOnlyList<AreaStatus> Areas);

public sealed record MonitorRun(int Checked, int Opened, int Resolved, int Open);

/// <summary>
/// The compliance monitor (hourly timer): finds today's violations, and per violation emits one event when it first
/// appears (compliance.violationOpened) and one when it is gone (compliance.violationResolved). Each change commits on
/// its own with its event, so a run cut short repeats nothing the next run has already seen.
/// </summary>
public sealed class ComplianceMonitoring(Ledger ledger, Tenants.CompanyProfiles company)
{
    public const string Type = "compliance-violation";
    public const string Formula = "score = 100 x (subjects checked - subjects with an open violation) / subjects checked, rounded; no score when nothing was checked";

    public async Task<MonitorRun> Run(CancellationToken ct)
    {
        var (violations, checks) = ComplianceMonitor.Run(await Facts(ct), ledger.Today);
        var tracked = (await ledger.All<TrackedViolation>(Scope.Master, Type, ct)).ToDictionary(v => v.Key, StringComparer.Ordinal);
        int opened = 0, resolved = 0;
        foreach (var v in violations)
        {
            if (tracked.TryGetValue(v.Key, out var known) && known.ResolvedAt is null) continue;
            var record = new TrackedViolation(v.Key, v.Area, v.Rule, v.Subject, v.Detail, ledger.Now, null);
            if (await Save(record, "compliance.violationOpened", ct)) opened++;
        }
        var current = violations.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var known in tracked.Values.Where(t => t.ResolvedAt is null && !current.Contains(t.Key)))
            if (await Save(known with { ResolvedAt = ledger.Now }, "compliance.violationResolved", ct)) resolved++;
        return new MonitorRun(checks.Sum(c => c.Checked), opened, resolved, violations.Count);
    }

    public async Task<ComplianceOverview> Overview(CancellationToken ct)
    {
        // Today's findings, not only the last run's: the overview is never an hour behind; "since" comes from the run that first saw one.
        var (violations, checks) = ComplianceMonitor.Run(await Facts(ct), ledger.Today);
        var tracked = (await ledger.All<TrackedViolation>(Scope.Master, Type, ct)).Where(v => v.ResolvedAt is null).ToDictionary(v => v.Key, StringComparer.Ordinal);
        var open = violations.Select(v => new TrackedViolation(v.Key, v.Area, v.Rule, v.Subject, v.Detail, tracked.GetValueOrDefault(v.Key)?.OpenedAt ?? ledger.Now, null))
            .ToLookup(v => v.Area);
        return new ComplianceOverview(ledger.Today, Formula, [.. checks.Select(c => new AreaStatus(c.Area,
            c.Checked == 0 ? "notChecked" : open[c.Area].Any() ? "violations" : "ok", c.Score, c.Basis, c.Checked, c.Violating,
            [.. open[c.Area].OrderBy(v => v.OpenedAt)]))]);
    }

    /// <returns>False when a concurrent run wrote the same change first.</returns>
    private async Task<bool> Save(TrackedViolation record, string action, CancellationToken ct)
    {
        var existing = await ledger.Find<TrackedViolation>(Scope.Master, Type, record.Key, ct);
        var changes = new ChangeSet();
        var index = new RecordIndex(record.Key, "", [$"area:{record.Area}", record.ResolvedAt is null ? "status:open" : "status:resolved"]);
        if (existing is null) Ledger.Create(changes, Type, record.Key, record, index);
        else Ledger.Replace(changes, Type, record.Key, existing.Version, record, index);
        ledger.Emit(changes, action, $"compliance/{record.Area}", record);
        return await ledger.Commit(Scope.Master, changes, ct) is null;
    }

    private async Task<MonitorFacts> Facts(CancellationToken ct)
    {
        var today = ledger.Today;
        var partners = await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct);
        var documents = new List<TradeDocument>();
        foreach (var status in new[] { "status:submitted", "status:approved" })
            documents.AddRange(await ledger.All<TradeDocument>(Scope.Year(today.Year), "document", ct, status));
        var receipts = (await ledger.All<TradeDocument>(Scope.Year(today.Year), "document", ct, "goodsReceipt")).Where(d => d.Kind == DocumentKind.GoodsReceipt);
        var lots = new Dictionary<string, LotBalance>(StringComparer.Ordinal);
        foreach (var year in new[] { today.Year, today.Year - 1 })
            foreach (var lot in await ledger.All<LotBalance>(Scope.Year(year), LotLedger.BalanceType, ct))
                lots.TryAdd($"{lot.ArticleId}|{lot.WarehouseId}|{lot.Lot}", lot);
        return new MonitorFacts(
            [.. partners.Where(p => p.Has(PartnerRole.Customer))],
            await ledger.All<Evidence>(Scope.Master, EvidenceOnFile.Type, ct),
            [.. documents.Where(d => d.Kind == DocumentKind.SalesOrder && d.Lines.Any(l => l.OpenToFulfil > 0m))],
            await ledger.All<Article>(Scope.Master, ArticleResource.Instance.RecordType, ct),
            [.. lots.Values],
            [.. partners.Where(p => p.Has(PartnerRole.Supplier))],
            await ledger.All<RiskAssessment>(Scope.Master, SupplierRiskAssessments.Type, ct),
            [.. receipts],
            (await company.Get(ct))?.Value.QsId);
    }
}

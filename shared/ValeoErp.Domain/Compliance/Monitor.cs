using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Inventory;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Compliance;

public enum ComplianceArea { PlantProtection, Precursors, Qs, Nutrients, Traces, Lksg, Gdpr }

/// <summary>One finding of the compliance monitor. The key names the rule and its subject, so a finding is the same one run after run.</summary>
public sealed record Violation(string Key, ComplianceArea Area, string Rule, string Subject, string Detail);

/// <summary>The facts the monitor looks at, loaded by the caller.</summary>
public sealed record MonitorFacts(
    IReadOnlyList<Partner> Customers, IReadOnlyList<Evidence> Evidence, IReadOnlyList<TradeDocument> OpenOrders,
    IReadOnlyList<Article> Articles, IReadOnlyList<LotBalance> Lots, IReadOnlyList<Partner> Suppliers,
    IReadOnlyList<RiskAssessment> Assessments, IReadOnlyList<TradeDocument> Receipts, string? CompanyQsId);

/// <summary>How many subjects an area checked and how many broke a rule: score = 100 x (checked - with violations) / checked.</summary>
public sealed record AreaCheck(ComplianceArea Area, int Checked, int Violating, string Basis)
{
    public int? Score => Checked == 0 ? null : (int)Math.Round(100m * (Checked - Violating) / Checked, MidpointRounding.AwayFromZero);
}

/// <summary>The periodic compliance check of DOMAIN.md (Landhandel compliance). Pure: what is wrong today, and how much was looked at.</summary>
public static class ComplianceMonitor
{
    public const int ExpiryWarningDays = 30;

    public static (IReadOnlyList<Violation> Violations, IReadOnlyList<AreaCheck> Checks) Run(MonitorFacts facts, LocalDate today)
    {
        var found = new List<Violation>();
        var articles = facts.Articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var open = facts.OpenOrders.ToLookup(o => o.PartnerId, StringComparer.Ordinal);
        var evidence = facts.Evidence.ToLookup(e => e.PartnerId, StringComparer.Ordinal);
        bool Buys(Partner c, Func<ComplianceFlags, bool> flag) =>
            open[c.Id].Any(o => o.Lines.Any(l => l.OpenToFulfil > 0m && articles.TryGetValue(l.ArticleId, out var a) && flag(a.Compliance)));

        // Plant protection: certificates that ran out, and those running out within 30 days for customers with open orders.
        var certified = facts.Customers.Where(c => evidence[c.Id].Any(e => e.Type == EvidenceType.PlantProtectionCertificate)).ToArray();
        foreach (var c in certified)
        {
            var latest = evidence[c.Id].Where(e => e.Type == EvidenceType.PlantProtectionCertificate).MaxBy(e => e.ValidTo ?? LocalDate.MaxIsoValue)!;
            if (latest.ValidTo is { } to && to < today)
                found.Add(new($"certificate-expired|{c.Id}|{latest.Id}", ComplianceArea.PlantProtection, "certificate-expired", c.Name,
                    $"The expertise certificate {latest.Number} of {c.Name} ran out on {to:yyyy-MM-dd}."));
            else if (latest.ValidTo is { } soon && soon < today.PlusDays(ExpiryWarningDays) && open[c.Id].Any())
                found.Add(new($"certificate-expiring|{c.Id}|{latest.Id}", ComplianceArea.PlantProtection, "certificate-expiring", c.Name,
                    $"The expertise certificate {latest.Number} of {c.Name} runs out on {soon:yyyy-MM-dd}, and {c.Name} has open orders."));
        }
        // Precursors: open orders of ammonium nitrate without a valid declaration.
        var precursorBuyers = facts.Customers.Where(c => Buys(c, f => f.AmmoniumNitrate || f.ExplosivePrecursor)).ToArray();
        foreach (var c in precursorBuyers.Where(c => !evidence[c.Id].Any(e => e.Type == EvidenceType.PrecursorDeclaration && e.IsValidOn(today))))
            found.Add(new($"declaration-missing|{c.Id}", ComplianceArea.Precursors, "declaration-missing", c.Name,
                $"{c.Name} has open orders of ammonium-nitrate fertiliser and no valid customer declaration (EU 2019/1148) on file."));
        // Lots past their expiry still in stock (feed under QS, plant protection and seed under their own area).
        var lots = facts.Lots.Where(l => l.Quantity > 0m).ToArray();
        foreach (var lot in lots.Where(l => l.Expiry is { } e && e < today))
        {
            var article = articles.GetValueOrDefault(lot.ArticleId);
            var area = article?.Category == ArticleCategory.PlantProtection ? ComplianceArea.PlantProtection : ComplianceArea.Qs;
            found.Add(new($"lot-expired|{lot.ArticleId}|{lot.WarehouseId}|{lot.Lot}", area, "lot-expired", $"{article?.Number} {lot.Lot}",
                $"Lot {lot.Lot} of {article?.Number} {article?.Name} expired on {lot.Expiry:yyyy-MM-dd}; {lot.Quantity:0.###} are still in stock."));
        }
        var qsFeed = facts.Articles.Where(a => a.Compliance.QsFeed).ToArray();
        if (qsFeed.Length > 0 && string.IsNullOrWhiteSpace(facts.CompanyQsId))
            found.Add(new("qs-id-missing", ComplianceArea.Qs, "qs-id-missing", "company profile",
                $"{qsFeed.Length} QS feed articles are sold, and the company profile has no QS location number for their delivery notes."));
        // Nutrients: fertiliser without its nutrient content cannot be exported for the farmers' filing.
        var fertiliser = facts.Articles.Where(a => a.Category == ArticleCategory.Fertiliser).ToArray();
        foreach (var a in fertiliser.Where(a => a.Nutrients is null))
            found.Add(new($"nutrients-missing|{a.Id}", ComplianceArea.Nutrients, "nutrients-missing", a.Number,
                $"Fertiliser {a.Number} {a.Name} has no nutrient content (N, P2O5, K2O): its deliveries are missing from the nutrient export."));
        // TRACES: feed received from outside Germany needs its CHED reference.
        var imports = facts.Receipts.Where(r => r.Lines.Any(l => articles.TryGetValue(l.ArticleId, out var a) && a.Category == ArticleCategory.Feed)
            && facts.Suppliers.FirstOrDefault(s => s.Id == r.PartnerId) is { Address.Country: not "DE" }).ToArray();
        foreach (var r in imports.Where(r => r.TracesReference is null))
            found.Add(new($"traces-missing|{r.Id}", ComplianceArea.Traces, "traces-missing", r.Number ?? r.Id,
                $"Goods receipt {r.Number} of imported feed from {r.PartnerName} has no TRACES CHED reference."));
        // LkSG: suppliers (not farmers under §24) without a current risk assessment.
        var assessed = facts.Assessments.ToLookup(a => a.PartnerId, StringComparer.Ordinal);
        var lksg = facts.Suppliers.Where(s => s.TaxTreatment != TaxTreatment.FlatRateFarmer).ToArray();
        foreach (var s in lksg.Where(s => !RiskAssessment.HasCurrent(assessed[s.Id], today)))
            found.Add(new($"risk-assessment-missing|{s.Id}", ComplianceArea.Lksg, "risk-assessment-missing", s.Name,
                $"Supplier {s.Name} has no current LkSG risk assessment (none, or its next review was due)."));

        int Violating(ComplianceArea area) => found.Where(v => v.Area == area).Select(v => v.Subject).Distinct().Count();
        var checks = new List<AreaCheck>
        {
            new(ComplianceArea.PlantProtection, certified.Length + lots.Count(l => articles.GetValueOrDefault(l.ArticleId)?.Category == ArticleCategory.PlantProtection),
                Violating(ComplianceArea.PlantProtection), "customers with an expertise certificate on file, and plant-protection lots in stock"),
            new(ComplianceArea.Precursors, precursorBuyers.Length, Violating(ComplianceArea.Precursors), "customers with open orders of ammonium-nitrate fertiliser"),
            new(ComplianceArea.Qs, lots.Count(l => articles.GetValueOrDefault(l.ArticleId)?.Category != ArticleCategory.PlantProtection) + (qsFeed.Length > 0 ? 1 : 0),
                Violating(ComplianceArea.Qs), "feed and seed lots in stock, and the company's QS location number when QS feed is sold"),
            new(ComplianceArea.Nutrients, fertiliser.Length, Violating(ComplianceArea.Nutrients), "fertiliser articles (each needs its nutrient content)"),
            new(ComplianceArea.Traces, imports.Length, Violating(ComplianceArea.Traces), "goods receipts of feed from suppliers outside Germany this year"),
            new(ComplianceArea.Lksg, lksg.Length, Violating(ComplianceArea.Lksg), "suppliers other than §24 farmers (each needs a current risk assessment)"),
            new(ComplianceArea.Gdpr, 0, 0, "not checked by the monitor: erasure and retention run as their own functions (RetentionSweep, data-subject requests)"),
        };
        return (found, checks);
    }
}

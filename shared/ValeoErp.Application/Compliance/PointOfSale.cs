using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Compliance;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Compliance;

/// <summary>Evidence the customer shows at the counter, checked by the person submitting the sale.</summary>
public sealed record ShownEvidenceInput(EvidenceType? Type, string? Number, string? Issuer, string? ValidTo);

/// <summary>The optional body of a submit. Strict about unknown members: every field of it counts, so a misspelt one must not pass silently.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record SubmitInput(IReadOnlyList<ShownEvidenceInput>? ShownEvidence);

/// <summary>A transaction recorded for the suspicious-transaction report (EU 2019/1148 art. 9): a refused attempt or an unusual quantity.</summary>
public sealed record SuspiciousTransaction(string Id, string Kind, string PartnerId, string PartnerName, string DocumentId, string? Rule, string Detail,
    string RecordedBy, Instant RecordedAt);

/// <summary>
/// The checks at the point of sale for a sales order being submitted: loads the facts (articles, customer, evidence on
/// file) and asks <see cref="SaleGate"/>. Refused precursor attempts and unusual precursor quantities are recorded.
/// </summary>
public sealed class PointOfSale(Ledger ledger, MasterData data, EvidenceOnFile evidence, Tenants.CompanyProfiles company)
{
    public const string SuspiciousType = "suspicious-transaction";
    private const string LargestType = "precursor-largest";

    public async Task<Result<IReadOnlyList<ComplianceCheck>>> Check(TradeDocument order, IReadOnlyList<ShownEvidenceInput> shownInput, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var shown = new List<ShownEvidence>();
        for (var i = 0; i < shownInput.Count; i++)
        {
            var s = shownInput[i];
            if (s.Type is null) errors.Add($"shownEvidence[{i}].type", "is required.");
            var number = errors.Required($"shownEvidence[{i}].number", s.Number, 64);
            var issuer = errors.Required($"shownEvidence[{i}].issuer", s.Issuer, 200);
            var to = Orders.ParseDate(errors, $"shownEvidence[{i}].validTo", s.ValidTo, required: true);
            if (!errors.Any) shown.Add(new ShownEvidence(s.Type!.Value, number!, issuer!, to!.Value, ledger.UserId));
        }
        if (errors.Any) return errors.ToError();

        var lines = new List<RestrictedLine>();
        foreach (var line in order.Lines)
        {
            var article = await data.Get(ArticleResource.Instance, line.ArticleId, ct);
            if (article.IsSuccess && article.Value.Value.Compliance is { PlantProtection: true } or { AmmoniumNitrate: true } or { QsFeed: true })
                lines.Add(new RestrictedLine(line.LineNo, line.ArticleNumber, line.Description, line.Quantity, article.Value.Value.Compliance));
        }
        if (lines.Count == 0) return Array.Empty<ComplianceCheck>();
        var buyer = await data.Get(PartnerResource.Customers, order.PartnerId, ct);
        if (!buyer.IsSuccess) return buyer.Error!;
        var qsId = lines.Any(l => l.Flags.QsFeed) ? (await company.Get(ct))?.Value.QsId : null;
        return SaleGate.Check(lines, buyer.Value.Value, await evidence.For(order.PartnerId, ct), shown, ledger.Today, ledger.UserId, ledger.Now, qsId);
    }

    /// <summary>A refused precursor sale is a reportable attempt: recorded with the rule and what was missing.</summary>
    public async Task RecordRefusal(string orderId, RuleBroken refusal, CancellationToken ct)
    {
        if (refusal.Rule is not (SaleGate.PrecursorPrivateBuyer or SaleGate.PrecursorDeclaration)) return;
        var order = await DocumentStore.Load(ledger, orderId, ct, DocumentKind.SalesOrder);
        if (!order.IsSuccess) return;
        await Store(new SuspiciousTransaction(Ids.New(), "refusedAttempt", order.Value.Value.PartnerId, order.Value.Value.PartnerName, orderId, refusal.Rule,
            refusal.Detail, ledger.UserId, ledger.Now), ct);
    }

    /// <summary>After an allowed precursor sale: a quantity far above the customer's earlier ones is recorded for the report.</summary>
    public async Task RecordQuantities(TradeDocument order, CancellationToken ct)
    {
        foreach (var check in order.Compliance.Where(c => c.Rule == SaleGate.PrecursorDeclaration))
        {
            var line = order.Lines.First(l => l.LineNo == check.LineNo);
            var key = $"{order.PartnerId}|{line.ArticleId}";
            await Ledger.Retrying<bool>(async () =>
            {
                var largest = await ledger.Find<decimal>(Scope.Master, LargestType, key, ct);
                var changes = new ChangeSet();
                if (SaleGate.IsUnusualQuantity(line.Quantity, largest?.Value))
                    Stage(changes, new SuspiciousTransaction(Ids.New(), "unusualQuantity", order.PartnerId, order.PartnerName, order.Id, null,
                        $"{line.Quantity:0.###} {line.Unit} of {line.ArticleNumber}; largest earlier purchase {(largest is null ? "none" : largest.Value.ToString("0.###"))}",
                        ledger.UserId, ledger.Now));
                if (largest is null) Ledger.Create(changes, LargestType, key, line.Quantity, RecordIndex.For(key));
                else if (line.Quantity > largest.Value) Ledger.Replace(changes, LargestType, key, largest.Version, line.Quantity, RecordIndex.For(key));
                return changes.IsEmpty ? true : await ledger.Commit(Scope.Master, changes, ct) is { } error ? error : true;
            });
        }
    }

    public async Task<IReadOnlyList<SuspiciousTransaction>> Suspicious(CancellationToken ct) =>
        [.. (await ledger.All<SuspiciousTransaction>(Scope.Master, SuspiciousType, ct)).OrderBy(s => s.RecordedAt)];

    private async Task Store(SuspiciousTransaction transaction, CancellationToken ct)
    {
        var changes = new ChangeSet();
        Stage(changes, transaction);
        await ledger.Commit(Scope.Master, changes, ct);
    }

    private void Stage(ChangeSet changes, SuspiciousTransaction transaction)
    {
        Ledger.Create(changes, SuspiciousType, transaction.Id, transaction, RecordIndex.For($"{transaction.RecordedAt.ToUnixTimeTicks():D20}|{transaction.Id}"));
        ledger.Record(changes, SuspiciousType, $"compliance.{transaction.Kind}", transaction.Id, null, ValeoJson.Serialize(transaction));
    }
}

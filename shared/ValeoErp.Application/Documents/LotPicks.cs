using System.Text.RegularExpressions;
using NodaTime;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Inventory;

namespace ValeoErp.Application.Documents;

/// <summary>The lots of a fulfilment line and what the receipt recorded about each (lab values per lot number).</summary>
public sealed record LinePicks(IReadOnlyList<LotQuantity> Lots, Dictionary<string, IReadOnlyDictionary<string, decimal>?> LabValues);

/// <summary>
/// Lots on goods receipts and deliveries of lot-tracked articles. A receipt names its lots (their quantities add up
/// to the line); one without lots takes the receipt number as its lot, so every received quantity stays traceable.
/// A delivery takes the lots named, else first-expired-first-out.
/// </summary>
public static partial class Lots
{
    private const int MaxLabValues = 20;

    [GeneratedRegex(@"^CHED(A|P|D|PP)\.[A-Z]{2}\.[0-9]{4}\.[0-9]{7}$")]
    private static partial Regex ChedPattern();

    /// <summary>The TRACES CHED reference (e.g. CHEDD.DE.2026.0001234), only on goods receipts.</summary>
    public static string? Traces(FieldErrors errors, string? reference, bool receipt)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        if (!receipt) errors.Add("tracesReference", "is recorded on goods receipts of imported consignments, not on deliveries.");
        else if (!ChedPattern().IsMatch(reference.Trim()))
            errors.Add("tracesReference", "must be a TRACES CHED reference like CHEDD.DE.2026.0001234 (CHEDA, CHEDP, CHEDD or CHEDPP).");
        return reference.Trim();
    }

    public static async Task<Result<Dictionary<int, LinePicks>>> Pick(FieldErrors errors, LotLedger lots, IReadOnlyList<DocumentLine> lines,
        IReadOnlyList<QuantityInput>? requested, IReadOnlyDictionary<string, Article> articles, string warehouseId, bool receipt,
        string documentNumber, LocalDate date, CancellationToken ct)
    {
        var picks = new Dictionary<int, LinePicks>();
        var used = new Dictionary<string, decimal>(StringComparer.Ordinal); // two lines of one article must not take the same kilos twice
        for (var i = 0; i < (requested?.Count ?? 0); i++)
            if (requested![i].Lots is { Count: > 0 } named && lines.FirstOrDefault(l => l.LineNo == requested[i].LineNo) is { } line
                && !articles[line.ArticleId].LotTracking)
                errors.Add($"lines[{i}].lots", $"{line.ArticleNumber} is not lot-tracked.");
        foreach (var line in lines)
        {
            var article = articles[line.ArticleId];
            if (!article.LotTracking) continue;
            var index = requested?.ToList().FindIndex(r => r.LineNo == line.LineNo) ?? -1;
            var named = index >= 0 ? requested![index].Lots : null;
            var field = $"lines[{index}].lots";
            if (receipt)
            {
                if (named is not { Count: > 0 })
                {
                    picks[line.LineNo] = new([new LotQuantity(documentNumber, line.Quantity, null)], new() { [documentNumber] = null });
                    continue;
                }
                var received = new List<LotQuantity>();
                var labs = new Dictionary<string, IReadOnlyDictionary<string, decimal>?>(StringComparer.Ordinal);
                for (var j = 0; j < named.Count; j++)
                {
                    var lot = named[j];
                    var number = errors.Required($"{field}[{j}].number", lot.Number, 40);
                    var quantity = Positive(errors, $"{field}[{j}].quantity", lot.Quantity);
                    var expiry = Orders.ParseDate(errors, $"{field}[{j}].expiry", lot.Expiry, required: false);
                    if (lot.LabValues is { Count: > MaxLabValues }) errors.Add($"{field}[{j}].labValues", $"at most {MaxLabValues} values.");
                    if (lot.LabValues?.Keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 40) == true)
                        errors.Add($"{field}[{j}].labValues", "names each value in 1 to 40 characters.");
                    if (number is not null && labs.ContainsKey(number)) errors.Add($"{field}[{j}].number", "is named twice.");
                    if (number is null || quantity is null) continue;
                    received.Add(new LotQuantity(number, quantity.Value, expiry));
                    labs[number] = lot.LabValues;
                }
                if (received.Count == named.Count && received.Sum(l => l.Quantity) != line.Quantity)
                    errors.Add(field, $"add up to {received.Sum(l => l.Quantity):0.###}, but the line receives {line.Quantity:0.###}.");
                picks[line.LineNo] = new(received, labs);
                continue;
            }
            var balances = (await lots.Balances(article.Id, warehouseId, ct))
                .Select(b => b with { Quantity = b.Quantity - used.GetValueOrDefault(LotLedger.Key(article.Id, b.Lot)) }).ToArray();
            if (named is { Count: > 0 })
            {
                var wanted = new List<(string, decimal)>();
                for (var j = 0; j < named.Count; j++)
                {
                    var number = errors.Required($"{field}[{j}].number", named[j].Number, 40);
                    var quantity = Positive(errors, $"{field}[{j}].quantity", named[j].Quantity);
                    if (number is not null && quantity is not null) wanted.Add((number, quantity.Value));
                }
                if (wanted.Count == named.Count && wanted.Sum(w => w.Item2) != line.Quantity)
                    errors.Add(field, $"add up to {wanted.Sum(w => w.Item2):0.###}, but the line delivers {line.Quantity:0.###}.");
                if (errors.Any) continue;
                var chosen = LotPicking.Named(balances, wanted, article.Number, date);
                if (!chosen.IsSuccess) return chosen.Error!;
                picks[line.LineNo] = new(chosen.Value, []);
            }
            else picks[line.LineNo] = new(LotPicking.Fefo(balances, line.Quantity, date), []);
            foreach (var lot in picks[line.LineNo].Lots)
                used[LotLedger.Key(article.Id, lot.Lot)] = used.GetValueOrDefault(LotLedger.Key(article.Id, lot.Lot)) + lot.Quantity;
        }
        return picks;
    }

    private static decimal? Positive(FieldErrors errors, string field, decimal? value)
    {
        if (value is { } q && q > 0m && decimal.Round(q, 3) == q) return q;
        errors.Add(field, "must be a positive quantity with at most three decimals.");
        return null;
    }
}

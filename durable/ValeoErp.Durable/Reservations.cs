using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Inventory;

namespace ValeoErp.Durable;

/// <summary>Reserves and releases stock for approved orders on the stock balance of the order's fiscal year.</summary>
public static class Reservations
{
    public static async Task Adjust(Ledger ledger, ChangeSet changes, int year, string warehouseId,
        IEnumerable<(string ArticleId, decimal Delta)> deltas, CancellationToken ct)
    {
        var stock = new StockChange(ledger, year);
        foreach (var group in deltas.GroupBy(d => d.ArticleId))
        {
            var delta = group.Sum(d => d.Delta);
            if (delta == 0m) continue;
            var (balance, version) = await stock.Balance(group.Key, warehouseId, year, ct);
            var updated = balance with { Reserved = Math.Max(0m, balance.Reserved + delta) };
            var id = StockChange.BalanceId(group.Key, warehouseId);
            var index = new RecordIndex(id, "", [$"article:{group.Key}", $"warehouse:{warehouseId}"]);
            if (version == 0) Ledger.Create(changes, StockChange.BalanceType, id, updated, index);
            else Ledger.Replace(changes, StockChange.BalanceType, id, version, updated, index);
        }
    }

    public static async Task<string> DefaultWarehouse(IServiceProvider services, CancellationToken ct) =>
        (await services.GetRequiredService<Warehouses>().Resolve(new Domain.Common.FieldErrors(), null, ct))?.Id
        ?? throw new InvalidOperationException("The tenant has no default warehouse.");
}

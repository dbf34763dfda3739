using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Inventory;

namespace ValeoErp.Application.Inventory;

public sealed record StockCorrectionInput(
    [property: Required, MaxLength(64)] string? ArticleId, [property: MaxLength(64)] string? WarehouseId, [property: Required] decimal? Quantity,
    [property: Required, AllowedValues("correction")] string? Kind, [property: Required, MaxLength(200)] string? Reason, [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? Date = null);

public sealed record StockLevel(string ArticleId, string WarehouseId, string WarehouseCode, int Year, decimal Opening, decimal Quantity,
    decimal Reserved, decimal Available);

/// <summary>Finds warehouses by id, or the default one when none is named.</summary>
public sealed class Warehouses(Ledger ledger)
{
    public async Task<Warehouse?> Resolve(FieldErrors errors, string? id, CancellationToken ct)
    {
        var all = await ledger.All<Warehouse>(Scope.Master, WarehouseResource.Instance.RecordType, ct);
        var found = string.IsNullOrWhiteSpace(id) ? all.FirstOrDefault(w => w.IsDefault) : all.FirstOrDefault(w => w.Id == id);
        if (found is null) errors.Add("warehouseId", string.IsNullOrWhiteSpace(id) ? "is required: this company has no default warehouse." : "names no warehouse of this company.");
        return found;
    }

    public Task<List<Warehouse>> All(CancellationToken ct) => ledger.All<Warehouse>(Scope.Master, WarehouseResource.Instance.RecordType, ct);
}

/// <summary>Stock levels (sum of movements per warehouse), the movement journal, and manual corrections.</summary>
public sealed class StockFeatures(Ledger ledger, MasterData data, Warehouses warehouses)
{
    public async Task<Result<IReadOnlyList<StockLevel>>> Levels(string? articleId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var id = errors.Required("articleId", articleId, 64);
        if (errors.Any) return errors.ToError();
        if (!(await data.Get(ArticleResource.Instance, id!, ct)).IsSuccess) return new NotFound("Article", id!);
        var year = ledger.Today.Year;
        var stock = new StockChange(ledger, year);
        var levels = new List<StockLevel>();
        foreach (var w in await warehouses.All(ct))
        {
            var (balance, _) = await stock.Balance(id!, w.Id, year, ct);
            levels.Add(new StockLevel(id!, w.Id, w.Code, year, balance.Opening, balance.Quantity, balance.Reserved, balance.Available));
        }
        return levels;
    }

    public async Task<Result<Page<StockMovement>>> Movements(string? articleId, int? year, int limit, string? continuation, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var id = errors.Required("articleId", articleId, 64);
        if (errors.Any) return errors.ToError();
        var page = await ledger.List<StockMovement>(Scope.Year(year ?? ledger.Today.Year),
            new RecordQuery(StockChange.MovementType, limit, continuation, $"article:{id}"), ct);
        return new Page<StockMovement>(page.Items.Select(v => v.Value).ToArray(), page.Continuation);
    }

    /// <summary>A manual correction (inventory count, breakage, theft) - the reason is required and kept.</summary>
    public Task<Result<StockMovement>> Correct(StockCorrectionInput input, CancellationToken ct) =>
        Ledger.Retrying<StockMovement>(async () =>
        {
            var errors = new FieldErrors();
            var articleId = errors.Required("articleId", input.ArticleId, 64);
            if (input.Quantity is not { } quantity || quantity == 0m || decimal.Round(quantity, 3) != quantity)
                errors.Add("quantity", "must be a non-zero quantity (negative to reduce) with at most three decimals.");
            if (input.Kind != "correction") errors.Add("kind", "must be \"correction\"; receipts and issues come from documents.");
            var reason = errors.Required("reason", input.Reason, 200);
            var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? ledger.Today;
            var warehouse = await warehouses.Resolve(errors, input.WarehouseId, ct);
            Domain.Articles.Article? article = null;
            if (articleId is not null)
            {
                var found = await data.Get(ArticleResource.Instance, articleId, ct);
                if (found.IsSuccess) article = found.Value.Value;
                else errors.Add("articleId", "names no article of this company.");
            }
            if (errors.Any) return errors.ToError();

            var changes = new ChangeSet();
            var stock = new StockChange(ledger, date.Year);
            stock.Add(article!, warehouse!.Id, input.Quantity!.Value, StockMovementKind.Correction, date, reason: reason);
            if (await stock.Stage(changes, ct) is { } refused) return refused;
            var created = changes.Writes.OfType<CreateRecord>().Single(w => w.Type == StockChange.MovementType);
            var movement = ValeoJson.Deserialize<StockMovement>(created.Json);
            ledger.Respond(changes, 201, null, null, movement);
            return await ledger.Commit(Scope.Year(date.Year), changes, ct) is { } error ? error : movement;
        });
}

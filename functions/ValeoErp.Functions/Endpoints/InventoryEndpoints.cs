using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Inventory;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

public static class InventoryEndpoints
{
    public static IEndpointRouteBuilder MapInventory(this IEndpointRouteBuilder app)
    {
        app.MapCrud<ArticleInput, Article>(ArticleResource.Instance, Scopes.InventoryRead, Scopes.InventoryWrite,
            (sp, input, ct) => sp.GetRequiredService<ArticleFeatures>().Create(input, ct),
            (sp, id, ifMatch, input, ct) => sp.GetRequiredService<ArticleFeatures>().Update(id, ifMatch, input, ct),
            (sp, id, ifMatch, ct) => sp.GetRequiredService<ArticleFeatures>().Delete(id, ifMatch, ct),
            conflicts: ["concurrent-write"]);
        app.MapCrud<WarehouseInput, Warehouse>(WarehouseResource.Instance, Scopes.InventoryRead, Scopes.InventoryWrite,
            (sp, input, ct) => sp.GetRequiredService<WarehouseFeatures>().Create(input, ct),
            (sp, id, ifMatch, input, ct) => sp.GetRequiredService<WarehouseFeatures>().Update(id, ifMatch, input, ct),
            (sp, id, ifMatch, ct) => sp.GetRequiredService<WarehouseFeatures>().Delete(id, ifMatch, ct),
            conflicts: ["default-warehouse", "concurrent-write"]);
        app.MapGet("/api/v1/stock", async (string? articleId, StockFeatures stock, CancellationToken ct) =>
                DocumentEndpoints.Answer(await stock.Levels(articleId, ct)))
            .WithTags("Stock").WithName("GetStock").WithSummary("Stock of an article per warehouse (sum of its movements)")
            .RequireScope(Scopes.InventoryRead).Returns<IReadOnlyList<StockLevel>>().Invalid().NotFound();
        app.MapGet("/api/v1/stock-movements", async (string? articleId, int? year, int? limit, string? continuation, StockFeatures stock, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await stock.Movements(articleId, year, checkedLimit.Value, continuation, ct);
                return page.IsSuccess
                    ? Results.Json(new ListResponse<StockMovement>(page.Value.Items, page.Value.Continuation), Application.Abstractions.ValeoJson.Options)
                    : Problems.From(page.Error!);
            })
            .WithTags("Stock").WithName("ListStockMovements").WithSummary("Stock movements of a year, optionally of one article")
            .RequireScope(Scopes.InventoryRead).Returns<ListResponse<StockMovement>>().Invalid().Exportable("lagerbewegungen");
        app.MapPost("/api/v1/stock-movements", async (StockCorrectionInput body, StockFeatures stock, CancellationToken ct) =>
                DocumentEndpoints.Answer(await stock.Correct(body, ct), 201, m => $"/api/v1/stock-movements?articleId={m.ArticleId}"))
            .WithTags("Stock").WithName("CorrectStock").WithSummary("Book a manual stock correction with a reason")
            .RequireScope(Scopes.InventoryWrite).Idempotent().ReturnsCreated<StockMovement>(versioned: false).Invalid()
            .Conflicts("insufficient-stock", "stock-year-carried-forward", "concurrent-write");
        app.MapGet("/api/v1/recalls", async (string? articleId, string? lot, Recalls recalls, CancellationToken ct) =>
                DocumentEndpoints.Answer(await recalls.Trace(articleId, lot, ct)))
            .WithTags("Stock").WithName("TraceLot")
            .WithSummary("Recall of a lot: its receipts, every customer, delivery note and quantity it went to, and what is left in stock")
            .RequireScope(Scopes.InventoryRead).Returns<RecallReport>().Invalid().NotFound();
        return app;
    }
}

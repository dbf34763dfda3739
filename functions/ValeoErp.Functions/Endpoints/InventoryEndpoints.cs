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
            (sp, id, ifMatch, ct) => sp.GetRequiredService<ArticleFeatures>().Delete(id, ifMatch, ct));
        app.MapCrud<WarehouseInput, Warehouse>(WarehouseResource.Instance, Scopes.InventoryRead, Scopes.InventoryWrite,
            (sp, input, ct) => sp.GetRequiredService<WarehouseFeatures>().Create(input, ct),
            (sp, id, ifMatch, input, ct) => sp.GetRequiredService<WarehouseFeatures>().Update(id, ifMatch, input, ct),
            (sp, id, ifMatch, ct) => sp.GetRequiredService<WarehouseFeatures>().Delete(id, ifMatch, ct));
        return app;
    }
}

using ValeoErp.Application.Partners;
using ValeoErp.Domain.Partners;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>Customers, suppliers (both views of partners), partner roles and contact persons.</summary>
public static class PartnerEndpoints
{
    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        foreach (var def in new[] { PartnerResource.Customers, PartnerResource.Suppliers })
            app.MapCrud<PartnerInput, Partner>(def, Scopes.CrmRead, Scopes.CrmWrite,
                (sp, input, ct) => sp.GetRequiredService<PartnerFeatures>().Create(def, input, ct),
                (sp, id, ifMatch, input, ct) => sp.GetRequiredService<PartnerFeatures>().Update(def, id, ifMatch, input, ct),
                (sp, id, ifMatch, ct) => sp.GetRequiredService<PartnerFeatures>().Delete(def, id, ifMatch, ct),
                conflicts: ["partner-has-contacts", "partner-numbers-exhausted", "concurrent-write"]);

        app.MapPost("/api/v1/partners/{id}/roles", async (string id, AddRoleInput body, PartnerFeatures partners, HttpContext http, CancellationToken ct) =>
                ResourceEndpoints.Ok(http, PartnerResource.Customers, await partners.AddRole(id, body, ct), 200))
            .WithTags("Customer", "Supplier").WithName("AddPartnerRole")
            .WithSummary("Give an existing partner a second role (a customer who also supplies, or the reverse)")
            .RequireScope(Scopes.CrmWrite).Returns<Partner>().WithETag().Invalid().NotFound().Conflicts("concurrent-write");

        app.MapCrud<ContactInput, Contact>(ContactResource.Instance, Scopes.CrmRead, Scopes.CrmWrite,
            (sp, input, ct) => sp.GetRequiredService<ContactFeatures>().Create(input, ct),
            (sp, id, ifMatch, input, ct) => sp.GetRequiredService<ContactFeatures>().Update(id, ifMatch, input, ct),
            (sp, id, ifMatch, ct) => sp.GetRequiredService<ContactFeatures>().Delete(id, ifMatch, ct),
            http => http.Request.Query["partnerId"] is { Count: > 0 } partner ? ContactResource.PartnerLabel(partner.ToString()) : null);
        app.MapGet("/api/v1/gdpr/export/{partnerId}", async (string partnerId, Application.Privacy.DataSubjectExport export, CancellationToken ct) =>
                DocumentEndpoints.Answer(await export.Export(partnerId, ct)))
            .WithTags("Data protection").WithName("ExportDataSubject")
            .WithSummary("Everything held about a partner (GDPR Art. 15/20): master data, contacts, documents, open items, audit entries and the retention that applies; the request is recorded")
            .RequireScope(Scopes.GdprExport).Returns<Application.Privacy.DataSubjectData>().NotFound();
        app.MapPost("/api/v1/gdpr/erase/{partnerId}", async (string partnerId, Application.Privacy.ErasureInput body, Application.Privacy.DataSubjectErasure erasure, CancellationToken ct) =>
                DocumentEndpoints.Answer(await erasure.Erase(partnerId, body, ct)))
            .WithTags("Data protection").WithName("EraseDataSubject")
            .WithSummary("GDPR Art. 17: pseudonymise the partner, delete its contacts and unposted documents' names; posted documents and the books stay restricted for their retention; the request is recorded")
            .RequireScope(Scopes.GdprErase).Returns<Application.Privacy.ErasureRecord>().Invalid().NotFound().Conflicts("already-erased");
        return app;
    }
}

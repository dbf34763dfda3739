using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Tenants;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>The company profile: letterhead, §14 details and the e-invoice seller data of the tenant.</summary>
public static class CompanyEndpoints
{
    public static IEndpointRouteBuilder MapCompanyProfile(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/settings/company", async (CompanyProfiles profiles, HttpContext http, CancellationToken ct) =>
            {
                if (await profiles.Get(ct) is not { } profile)
                    return Problems.Problem(404, "not-found", "Not found", "The company profile is not set yet; PUT it with If-Match: \"0\".");
                http.Response.Headers.ETag = ETags.Format(profile.Version);
                return Results.Json(profile.Value, ValeoJson.Options);
            })
            .WithTags("Settings").WithName("GetCompanyProfile").WithSummary("The company profile the documents are issued under")
            .RequireScope(Scopes.SalesRead).Returns<CompanyProfile>().WithETag().NotFound();
        app.MapPut("/api/v1/settings/company", async (HttpContext http, CompanyProfiles profiles, CancellationToken ct) =>
            {
                var body = await JsonBody.Read<CompanyProfileInput>(http, ct);
                if (!body.IsSuccess) return Problems.From(body.Error!);
                var updated = await profiles.Update(body.Value, ResourceEndpoints.IfMatch(http), ct);
                if (!updated.IsSuccess) return Problems.From(updated.Error!);
                http.Response.Headers.ETag = ETags.Format(updated.Value.Version);
                return Results.Json(updated.Value.Value, ValeoJson.Options);
            })
            .Accepts<CompanyProfileInput>("application/json")
            .WithTags("Settings").WithName("UpdateCompanyProfile")
            .WithSummary("Set the company profile (name, address, VAT id or tax number, register, directors, banks, seller contact, logo); needs If-Match, \"0\" the first time")
            .RequireScope(Scopes.Admin).Returns<CompanyProfile>().WithETag().Invalid().RequiresIfMatch();
        return app;
    }
}

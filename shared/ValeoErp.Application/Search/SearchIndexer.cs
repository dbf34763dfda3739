using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Search;

/// <summary>
/// Keeps the search index in step with the domain events (subscription <c>search</c>). An upsert by id is
/// idempotent by nature, and the session per tenant keeps a tenant's events in order, so a redelivery
/// changes nothing.
/// </summary>
public sealed class SearchIndexer(ISearchIndex index) : IEventConsumer
{
    public string Function => "SearchIndexer";

    public async Task Handle(EventEnvelope e, CancellationToken ct)
    {
        var tenant = TenantId.Parse(e.TenantId).Value;
        var (entity, action) = (e.Type[..e.Type.IndexOf('.')], e.Type[(e.Type.IndexOf('.') + 1)..]);
        var kind = entity switch
        {
            "article" => "article",
            "customer" or "supplier" => "partner",
            _ when e.Subject.StartsWith("document/", StringComparison.Ordinal) => "document",
            _ => null,
        };
        if (kind is null) return;
        if (action is "deleted" or "voided")
        {
            // (A partner that keeps its other role is updated, not deleted, so it stays findable.)
            if (e.Data.TryGetProperty("id", out var id) && id.GetString() is { } removed) await index.Remove(tenant, kind, removed, ct);
            return;
        }
        var document = kind switch
        {
            "article" => Article(e.Data.Deserialize<Article>(ValeoJson.Options)!),
            "partner" => Partner(e.Data.Deserialize<Partner>(ValeoJson.Options)!),
            _ => Document(e.Data.Deserialize<TradeDocument>(ValeoJson.Options)!),
        };
        await index.Upsert(tenant, [document], ct);
    }

    public static SearchDocument Article(Article a) =>
        new("article", a.Id, $"{a.Number} {a.Name}", Camel(a.Category.ToString()), [a.Number, a.Name, a.Ean]);

    public static SearchDocument Partner(Partner p) =>
        new("partner", p.Id, p.Name, $"{p.Address.PostalCode} {p.Address.City}",
            [p.Number.ToString(), p.Address.Street, p.Address.PostalCode, p.Address.City, p.VatId, p.Email, p.DebtorAccount?.ToString(), p.CreditorAccount?.ToString()]);

    public static SearchDocument Document(TradeDocument d) =>
        new("document", d.Id, d.Number ?? d.Id, $"{Camel(d.Kind.ToString())} {d.PartnerName} {d.GrossTotal:0.00} EUR",
            [d.Number, d.PartnerName, d.ExternalReference]);

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}

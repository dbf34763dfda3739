using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>One searchable thing of a tenant: an article, a partner or a document.</summary>
public sealed record SearchDocument(string Kind, string Id, string Title, string? Subtitle, IReadOnlyList<string?> Searchable);

public sealed record SearchHit(string Kind, string Id, string Title, string? Subtitle);

/// <summary>
/// Full-text search over a tenant's articles, partners and documents: SQLite FTS5 locally, Azure AI Search in
/// Azure. German-aware both ways (umlauts and ß folded, case ignored, parts of compound words found), and every
/// query is confined to the caller's tenant.
/// </summary>
public interface ISearchIndex
{
    Task Upsert(TenantId tenant, IReadOnlyList<SearchDocument> documents, CancellationToken ct);
    Task Remove(TenantId tenant, string kind, string id, CancellationToken ct);
    Task<IReadOnlyList<SearchHit>> Query(TenantId tenant, string text, IReadOnlySet<string> kinds, int limit, CancellationToken ct);
}

using System.Text;
using System.Text.Json.Serialization;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Azure.Search.Documents.Indexes.Models;
using Azure.Search.Documents.Models;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using SearchDocument = ValeoErp.Application.Abstractions.SearchDocument;

namespace ValeoErp.Azure;

/// <summary>
/// The search port on Azure AI Search. One index for all tenants; every query carries the tenant filter, built
/// here and nowhere else. German matching: the text field uses the German analyzer; the folded field holds the
/// same ae/oe/ue/ss and diacritic-free folds as the FTS5 store, indexed as 3-20 character n-grams so parts of
/// compound words are found.
/// </summary>
public sealed class AzureSearchIndex(SearchIndexClient indexes, string indexName) : ISearchIndex
{
    public const string FoldedAnalyzer = "valeo_folded_ngram", FoldedSearchAnalyzer = "valeo_folded";

    public sealed class IndexedDocument
    {
        [JsonPropertyName("key")] public string Key { get; set; } = "";
        [JsonPropertyName("tenantId")] public string TenantId { get; set; } = "";
        [JsonPropertyName("kind")] public string Kind { get; set; } = "";
        [JsonPropertyName("docId")] public string DocId { get; set; } = "";
        [JsonPropertyName("title")] public string Title { get; set; } = "";
        [JsonPropertyName("subtitle")] public string? Subtitle { get; set; }
        [JsonPropertyName("text")] public string Text { get; set; } = "";
        [JsonPropertyName("folded")] public string Folded { get; set; } = "";
    }

    /// <summary>The index as code: created or updated at deployment (no portal clicks).</summary>
    public static SearchIndex Definition(string name) => new(name)
    {
        Fields =
        {
            new SimpleField("key", SearchFieldDataType.String) { IsKey = true },
            new SimpleField("tenantId", SearchFieldDataType.String) { IsFilterable = true },
            new SimpleField("kind", SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
            new SimpleField("docId", SearchFieldDataType.String),
            new SearchableField("title") { AnalyzerName = LexicalAnalyzerName.DeMicrosoft },
            new SimpleField("subtitle", SearchFieldDataType.String),
            new SearchableField("text") { AnalyzerName = LexicalAnalyzerName.DeMicrosoft },
            new SearchableField("folded") { IndexAnalyzerName = FoldedAnalyzer, SearchAnalyzerName = FoldedSearchAnalyzer },
        },
        Tokenizers = { new NGramTokenizer("valeo_ngram") { MinGram = 3, MaxGram = 20, TokenChars = { TokenCharacterKind.Letter, TokenCharacterKind.Digit } } },
        Analyzers =
        {
            new CustomAnalyzer(FoldedAnalyzer, "valeo_ngram") { TokenFilters = { TokenFilterName.Lowercase, TokenFilterName.AsciiFolding } },
            new CustomAnalyzer(FoldedSearchAnalyzer, LexicalTokenizerName.Standard) { TokenFilters = { TokenFilterName.Lowercase, TokenFilterName.AsciiFolding } },
        },
    };

    public Task EnsureIndex(CancellationToken ct) => indexes.CreateOrUpdateIndexAsync(Definition(indexName), cancellationToken: ct);

    /// <summary>
    /// Indexes documents. The first write to a service without the index creates it from <see cref="Definition"/>
    /// (no deploy step to forget; needs Search Service Contributor) and is then repeated.
    /// </summary>
    public async Task Upsert(TenantId tenant, IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        try { await Write(tenant, documents, ct); }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404)
        {
            await EnsureIndex(ct);
            await Write(tenant, documents, ct);
        }
    }

    private async Task Write(TenantId tenant, IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        await Client.MergeOrUploadDocumentsAsync(documents.Select(d => new IndexedDocument
        {
            Key = Key(tenant, d.Kind, d.Id), TenantId = tenant.Value, Kind = d.Kind, DocId = d.Id, Title = d.Title, Subtitle = d.Subtitle,
            Text = string.Join(' ', new[] { d.Title, d.Subtitle }.Concat(d.Searchable).Where(v => !string.IsNullOrWhiteSpace(v))),
            Folded = SearchText.Index([d.Title, d.Subtitle, .. d.Searchable]),
        }), cancellationToken: ct);
    }

    public async Task Remove(TenantId tenant, string kind, string id, CancellationToken ct)
    {
        try { await Client.DeleteDocumentsAsync("key", [Key(tenant, kind, id)], cancellationToken: ct); }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404) { /* no index yet: nothing to remove */ }
    }

    public async Task<IReadOnlyList<SearchHit>> Query(TenantId tenant, string text, IReadOnlySet<string> kinds, int limit, CancellationToken ct)
    {
        var terms = SearchText.Query(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0 || kinds.Count == 0) return [];
        var options = new SearchOptions
        {
            Filter = Filter(tenant, kinds),
            Size = limit,
            SearchMode = SearchMode.All,
            QueryType = SearchQueryType.Simple,
            SearchFields = { "title", "text", "folded" },
            Select = { "kind", "docId", "title", "subtitle" },
        };
        global::Azure.Response<SearchResults<IndexedDocument>> response;
        try { response = await Client.SearchAsync<IndexedDocument>(string.Join(' ', terms.Select(Escape)), options, ct); }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404) { return []; } // nothing indexed yet

        var hits = new List<SearchHit>();
        await foreach (var result in response.Value.GetResultsAsync())
            hits.Add(new SearchHit(result.Document.Kind, result.Document.DocId, result.Document.Title, result.Document.Subtitle));
        return hits;
    }

    /// <summary>The tenant filter every query carries (SearchFilter quotes the values).</summary>
    public static string Filter(TenantId tenant, IReadOnlySet<string> kinds) =>
        SearchFilter.Create($"tenantId eq {tenant.Value} and search.in(kind, {string.Join(',', kinds.Order())}, ',')");

    private SearchClient Client => indexes.GetSearchClient(indexName);

    private static string Key(TenantId tenant, string kind, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant.Value}|{kind}|{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Escape(string term) =>
        new string(term.SelectMany(c => "+-&|!(){}[]^\"~*?:\\/".Contains(c) ? new[] { '\\', c } : [c]).ToArray());
}

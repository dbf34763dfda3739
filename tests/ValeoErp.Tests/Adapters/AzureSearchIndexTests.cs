using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using ValeoErp.Application.Abstractions;
using ValeoErp.Azure;
using ValeoErp.Domain.Common;

namespace ValeoErp.Tests.Adapters;

/// <summary>No AI Search emulator exists: the adapter is checked by the requests it sends.</summary>
public sealed class AzureSearchIndexTests
{
    private static readonly TenantId Demo = TenantId.Parse("demo").Value;

    [Fact]
    public async Task Query_AlwaysCarriesTheTenantFilter_AndSearchesTheFoldedText()
    {
        var (index, sent) = Index("""{"value":[{"@search.score":1.0,"kind":"article","docId":"a1","title":"DU-1 Kalkammonsalpeter","subtitle":"fertiliser"}]}""");

        var hits = await index.Query(Demo, "Dünger", new HashSet<string> { "partner", "article" }, 20, default);

        hits.Should().ContainSingle().Which.Should().Be(new SearchHit("article", "a1", "DU-1 Kalkammonsalpeter", "fertiliser"));
        var request = sent.Single();
        request.Path.Should().Contain("/indexes('valeo')/docs/search.post.search");
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("filter").GetString().Should().Be("tenantId eq 'demo' and search.in(kind, 'article,partner', ',')");
        body.GetProperty("search").GetString().Should().Be("duenger");
        body.GetProperty("searchFields").GetString().Should().Be("title,text,folded");
        body.GetProperty("top").GetInt32().Should().Be(20);
    }

    [Fact]
    public void TheTenantFilter_QuotesTheTenantSoItCannotBeEscaped() =>
        AzureSearchIndex.Filter(TenantId.Parse("a-b").Value, new HashSet<string> { "article" }).Should().Be("tenantId eq 'a-b' and search.in(kind, 'article', ',')");

    [Fact]
    public async Task Upsert_SendsTenantAndBothFolds_UnderAKeyThatNamesTheTenant()
    {
        var (index, sent) = Index("""{"value":[{"key":"k","status":true,"statusCode":200}]}""");

        await index.Upsert(Demo, [new SearchDocument("partner", "p1", "Hof Döring", "26197 Großenkneten", ["Huntloser Straße 1"])], default);

        var doc = JsonDocument.Parse(sent.Single().Body).RootElement.GetProperty("value")[0];
        doc.GetProperty("@search.action").GetString().Should().Be("mergeOrUpload");
        doc.GetProperty("tenantId").GetString().Should().Be("demo");
        doc.GetProperty("folded").GetString().Should().Contain("doering").And.Contain("doring").And.Contain("grossenkneten").And.Contain("strasse");
        var key = doc.GetProperty("key").GetString()!.Replace('-', '+').Replace('_', '/');
        Encoding.UTF8.GetString(Convert.FromBase64String(key + new string('=', (4 - key.Length % 4) % 4))).Should().Be("demo|partner|p1");
    }

    [Fact]
    public async Task TheIndexDefinition_HasTheGermanAnalyzerAndTheNgramFold()
    {
        var (index, sent) = Index(null);
        await index.EnsureIndex(default);
        var body = sent.Single().Body;
        body.Should().Contain("\"de.microsoft\"").And.Contain(AzureSearchIndex.FoldedAnalyzer).And.Contain("#Microsoft.Azure.Search.NGramTokenizer")
            .And.Contain("\"filterable\":true");
    }

    [Fact]
    public async Task Upsert_OnAServiceWithoutTheIndex_CreatesItFromTheDefinition_AndWritesAgain()
    {
        var (index, sent) = Index("""{"value":[{"key":"k","status":true,"statusCode":200}]}""", firstStatus: HttpStatusCode.NotFound);

        await index.Upsert(Demo, [new SearchDocument("article", "a1", "KAS 27", null, [])], default);

        sent.Select(r => (r.Method, r.Path.Split('?')[0])).Should().Equal(
            ("POST", "/indexes('valeo')/docs/search.index"),
            ("PUT", "/indexes('valeo')"),
            ("POST", "/indexes('valeo')/docs/search.index"));
        sent[1].Body.Should().Contain(AzureSearchIndex.FoldedAnalyzer);
    }

    [Fact]
    public async Task Query_OnAServiceWithoutTheIndex_FindsNothing()
    {
        var (index, _) = Index(null, firstStatus: HttpStatusCode.NotFound);
        (await index.Query(Demo, "Dünger", new HashSet<string> { "article" }, 20, default)).Should().BeEmpty();
    }

    private static (AzureSearchIndex Index, List<Sent> Sent) Index(string? response, HttpStatusCode? firstStatus = null)
    {
        var handler = new Canned(response, firstStatus);
        var options = new SearchClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 0;
        return (new AzureSearchIndex(new SearchIndexClient(new Uri("https://srch-valeo.search.windows.net"), new StaticToken(), options), "valeo"), handler.Sent);
    }

    private sealed record Sent(string Method, string Path, string Body);

    /// <summary>Answers every request with <c>response</c> (or echoes the body as created), the first one with <c>firstStatus</c> if given.</summary>
    private sealed class Canned(string? response, HttpStatusCode? firstStatus = null) : HttpMessageHandler
    {
        public List<Sent> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            Sent.Add(new Sent(request.Method.Method, Uri.UnescapeDataString(request.RequestUri!.PathAndQuery), body));
            if (Sent.Count == 1 && firstStatus is { } status)
                return new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"code":"","message":"The index 'valeo' was not found."}}""", Encoding.UTF8, "application/json") };
            return new HttpResponseMessage(response is null ? HttpStatusCode.Created : HttpStatusCode.OK)
            {
                Content = new StringContent(response ?? body, Encoding.UTF8, "application/json"),
            };
        }
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext context, CancellationToken ct) => new("t", DateTimeOffset.MaxValue);
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext context, CancellationToken ct) => new(GetToken(context, ct));
    }
}

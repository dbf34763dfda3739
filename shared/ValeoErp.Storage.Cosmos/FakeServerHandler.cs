using System.Net;
using System.Text;

namespace ValeoErp.Storage.Cosmos;

/// <summary>
/// Only for the npm Cosmos fake server (local development and CI, <c>Cosmos:FakeServer=true</c>); never on a real
/// account. The fake cannot answer the SDK's query-plan request (so ORDER BY fails) and answers 500 for a missing
/// item: a pass-through plan lets the fake run the query itself, and a 500 on a point read becomes the 404 Cosmos gives.
/// </summary>
public sealed class FakeServerHandler : DelegatingHandler
{
    private const string PassThroughPlan = """
        {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,
        "orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":[],
        "groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":false,"dCountInfo":null},
        "queryRanges":[{"min":"","max":"FF","isMinInclusive":true,"isMaxInclusive":false}]}
        """;

    public FakeServerHandler() => InnerHandler = new HttpClientHandler();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.TryGetValues("x-ms-cosmos-is-query-plan-request", out var plan) && plan.Contains("True", StringComparer.OrdinalIgnoreCase))
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(PassThroughPlan, Encoding.UTF8, "application/json") };
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.InternalServerError && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/docs/"))
        {
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("{\"code\":\"NotFound\"}") };
        }
        return response;
    }
}

using System.Net;
using System.Text;
using ValeoErp.Client;

namespace ValeoErp.Tests.Ui;

/// <summary>
/// The API behind the generated client, answered per path (without the query) with a status and a JSON body, as the
/// host would; the requests are kept, so a test can check what the page asked for.
/// </summary>
public sealed class ApiStub : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Json)> _answers = new(StringComparer.Ordinal);
    public List<Uri> Requests { get; } = [];

    public ApiStub On(string path, string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        _answers[path] = (status, json);
        return this;
    }

    /// <summary>The client as Program.cs builds it (problem bodies read as strings, so Problem.From sees them).</summary>
    public IValeoClient Client() => new ValeoClient(new HttpClient(this) { BaseAddress = new Uri("http://localhost/") }) { ReadResponseAsString = true };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        var (status, json) = _answers.TryGetValue(request.RequestUri!.AbsolutePath, out var answer)
            ? answer
            : (HttpStatusCode.NotFound, """{"type":"not-found","title":"Not found","status":404}""");
        var type = (int)status >= 400 ? "application/problem+json" : "application/json";
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, type), RequestMessage = request });
    }
}

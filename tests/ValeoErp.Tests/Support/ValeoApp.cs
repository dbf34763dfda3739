using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Tests.Support;

/// <summary>
/// The real host on a fresh embedded store in a temporary folder, seeded like a first local start.
/// One instance per test class (IClassFixture), so classes never see each other's writes.
/// </summary>
public class ValeoApp : WebApplicationFactory<Program>
{
    private readonly string _ownDirectory = Path.Combine(Path.GetTempPath(), "valeo-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The store's folder; a restart on an existing folder overrides it.</summary>
    public virtual string DataDirectory => _ownDirectory;

    /// <summary>Leave the store on disk when disposed, for a restart on the same folder.</summary>
    public bool KeepData { get; set; }

    protected virtual string Shape => "Local";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Runtime:Shape", Shape);
        builder.UseSetting("Triggers:Local:Enabled", "false"); // tests drive the trigger runner step by step
        builder.UseEnvironment("Testing");
    }

    public async Task<HttpClient> ClientFor(string tenant, string user, params string[] roles)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/dev/token", new { tenantId = tenant, userId = user, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> Admin(string tenant = "demo") => ClientFor(tenant, "alice", "admin");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepData) return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* SQLite may still hold the WAL on slow shutdowns; the temp folder is disposable */ }
    }
}

/// <summary>The Azure shape of the same binary (no dev token, no API page), for route and shape tests.</summary>
public sealed class ValeoAzureApp : ValeoApp
{
    protected override string Shape => "Azure";
}

public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(ValeoJson.Options);

    public static async Task<List<JsonElement>> All(this HttpClient client, string path, int limit = 200)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var url = $"{path}{(path.Contains('?') ? '&' : '?')}limit={limit}" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var page = await (await client.GetAsync(url)).EnsureSuccessStatusCode().Json();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuation").GetString();
        } while (continuation is not null);
        return items;
    }

    public static HttpRequestMessage With(this HttpRequestMessage request, string header, string value)
    {
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    public static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    public static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    public static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, path);

    public static object ValidCustomer(string name = "Hof Testmann GbR") => new
    {
        name,
        address = new { street = "Dorfstraße 3", postalCode = "26655", city = "Westerstede", country = "DE" },
        vatId = "DE136695976",
        taxTreatment = "domestic",
        paymentTerms = new { netDays = 30, discountDays = 14, discountPercent = 2.0m },
    };
}

using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Acceptance 5 (If-Match) and 6 (Idempotency-Key).</summary>
public sealed class ConcurrencyAndIdempotencyTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Put_WithoutIfMatch_Is428_StaleIs412_CurrentIs200WithNewETag()
    {
        var client = await app.Admin();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Alt"));
        var id = (await created.Json()).GetProperty("id").GetString();
        var etag = created.Headers.ETag!.Tag;

        var missing = await client.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer("Hof Ohne")));
        missing.StatusCode.Should().Be((HttpStatusCode)428);
        (await missing.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:precondition-required");

        var current = await client.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer("Hof Neu")).With("If-Match", etag));
        current.StatusCode.Should().Be(HttpStatusCode.OK);
        current.Headers.ETag!.Tag.Should().Be("\"2\"").And.NotBe(etag);
        (await current.Json()).GetProperty("name").GetString().Should().Be("Hof Neu");

        var stale = await client.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer("Hof Veraltet")).With("If-Match", etag));
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);

        var read = await client.GetAsync($"/api/v1/customers/{id}");
        (await read.Json()).GetProperty("name").GetString().Should().Be("Hof Neu");
        read.Headers.ETag!.Tag.Should().Be("\"2\"");
    }

    [Fact]
    public async Task Put_KeepsNumberAndRoles()
    {
        var client = await app.Admin();
        var created = await (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Nummer"))).Json();
        var id = created.GetProperty("id").GetString();
        var updated = await (await client.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer("Hof Nummer 2")).With("If-Match", "\"1\""))).Json();
        updated.GetProperty("number").GetInt32().Should().Be(created.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Post_TwiceWithSameKey_CreatesOneRecord_AndReturnsTheSameResponse()
    {
        var client = await app.Admin();
        var before = (await client.All("/api/v1/customers")).Count;
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer("Hof Einmal")).With("Idempotency-Key", key));
        var second = await client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer("Hof Einmal")).With("Idempotency-Key", key));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var firstId = (await first.Json()).GetProperty("id").GetString();
        (await second.Json()).GetProperty("id").GetString().Should().Be(firstId);
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.ETag.Should().Be(first.Headers.ETag);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await client.All("/api/v1/customers")).Should().HaveCount(before + 1);
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Is422_AndCreatesNothing()
    {
        var client = await app.Admin();
        var key = Guid.NewGuid().ToString();
        (await client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer("Hof A")).With("Idempotency-Key", key)))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var before = (await client.All("/api/v1/customers")).Count;

        var reused = await client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer("Hof B")).With("Idempotency-Key", key));

        reused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await reused.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:idempotency-key-reused");
        (await client.All("/api/v1/customers")).Should().HaveCount(before);
    }

    [Fact]
    public async Task Post_ConcurrentTwinsWithSameKey_CreateOneRecord()
    {
        var client = await app.Admin("twins");
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer("Hof Zwilling")).With("Idempotency-Key", key))));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("id").GetString()));
        ids.Distinct().Should().ContainSingle();
        (await client.All("/api/v1/customers")).Should().ContainSingle();
    }

    [Fact]
    public async Task Post_FailedValidation_StoresNoKey_SoACorrectedRetrySucceeds()
    {
        var client = await app.Admin();
        var key = Guid.NewGuid().ToString();
        (await client.SendAsync(Http.Post("/api/v1/customers", new { name = "" }).With("Idempotency-Key", key)))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.SendAsync(Http.Post("/api/v1/customers", Http.ValidCustomer()).With("Idempotency-Key", key)))
            .StatusCode.Should().Be(HttpStatusCode.Created, "a rejected request stores no response under its key");
    }

    [Fact]
    public async Task ConcurrentCreates_GetDistinctConsecutivePartnerNumbers()
    {
        var client = await app.Admin("numbers");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer($"Hof {i}"))));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("number").GetInt32()));
        numbers.Order().Should().Equal(Enumerable.Range(1, 10));
    }

    [Fact]
    public async Task Delete_NeedsIfMatch_ThenRemovesTheRecord()
    {
        var client = await app.Admin();
        var created = await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Weg"));
        var id = (await created.Json()).GetProperty("id").GetString();
        (await client.SendAsync(Http.Delete($"/api/v1/customers/{id}"))).StatusCode.Should().Be((HttpStatusCode)428);
        (await client.SendAsync(Http.Delete($"/api/v1/customers/{id}").With("If-Match", "\"9\""))).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await client.SendAsync(Http.Delete($"/api/v1/customers/{id}").With("If-Match", "\"1\""))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

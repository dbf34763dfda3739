using System.Net;
using System.Net.Http.Headers;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 13: validated bearer tokens are remembered, but never past their expiry and never for another token text.</summary>
public sealed class TokenCacheTests
{
    [Fact]
    public async Task RememberedToken_IsRefusedOnceItHasExpired_ByTheInjectedClock()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("token-cache");
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.OK, "the second request is answered from the remembered validation");

        app.Clock.Advance(NodaTime.Duration.FromMinutes(30));
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.OK, "re-validated after the cache's five minutes, still within the hour");

        app.Clock.Advance(NodaTime.Duration.FromMinutes(31));
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token expired after one hour");
    }

    [Fact]
    public async Task RememberedToken_WithAlteredSignature_IsRefused()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("token-cache-2");
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.OK);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]);
        (await forged.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>The app with a low verification limit, so the limit is reached in a test.</summary>
public sealed class LowVerifyLimitApp : ValeoApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Verify:PermitPerMinute", "8");
    }
}

/// <summary>The QR code on an issued document leads to a public check that shows issuer, number, date and total only.</summary>
public sealed class VerificationTests(LowVerifyLimitApp app) : IClassFixture<LowVerifyLimitApp>
{
    [Fact]
    public async Task PostedInvoice_IsVerifiedWithoutToken_AlteredOrRandomCodesAre404_AndTheEndpointIsRateLimited()
    {
        var trade = await Open(app, "verify");
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 100m));
        var code = invoice.GetProperty("verificationCode").GetString()!;
        code.Should().MatchRegex("^verify\\.2026\\.[a-z2-7]{26}$");

        var anonymous = app.CreateClient();
        var answer = await anonymous.GetAsync($"/api/v1/verify/{code}");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await answer.Json();
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("issuer", "number", "date", "grossTotal");
        body.GetProperty("number").GetString().Should().Be(invoice.GetProperty("number").GetString());
        body.GetProperty("grossTotal").GetDecimal().Should().Be(invoice.GetProperty("grossTotal").GetDecimal());
        body.GetProperty("date").GetString().Should().Be("2026-03-02");

        var altered = code[..^1] + (code[^1] == 'a' ? 'b' : 'a');
        (await anonymous.GetAsync($"/api/v1/verify/{altered}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/verify/verify.2026.aaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/verify/nonsense")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        HttpResponseMessage last;
        var tries = 0;
        do last = await anonymous.GetAsync($"/api/v1/verify/{code}");
        while (last.StatusCode == HttpStatusCode.OK && ++tries < 20);
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        last.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task DraftsAndSupplierInvoices_CarryNoCode()
    {
        var trade = await Open(app, "verify-drafts");
        var order = await trade.Order("2026-03-02", Line(trade.Diesel, 10m));
        order.GetProperty("verificationCode").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}

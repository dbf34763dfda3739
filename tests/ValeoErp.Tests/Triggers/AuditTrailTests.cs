using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Triggers;

/// <summary>
/// The audit log people read (GET /api/v1/audit/logs) is covered by the hash chain: any change to a stored row -
/// a field, a removed row, an inserted one, two rows swapped - makes verify answer false and name the entry, and
/// verify never calls the chain broken while events are still being linked.
/// </summary>
public sealed class AuditTrailTests
{
    private static async Task<(ClockedApp App, HttpClient Auditor)> ThreeCustomers(string tenant)
    {
        var app = new ClockedApp();
        var client = await app.Admin(tenant);
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer($"Hof Prüfmann {i}"))).StatusCode.Should().Be(HttpStatusCode.Created);
            app.Clock.Advance(NodaTime.Duration.FromSeconds(5));
        }
        // Older than the pending window, so an entry missing from the chain is a break, not pending.
        app.Clock.Advance(NodaTime.Duration.FromMinutes(15));
        await app.Runner().Drain();
        var auditor = await app.ClientFor(tenant, "ute", "auditor");
        var valid = await Verify(auditor);
        valid.GetProperty("valid").GetBoolean().Should().BeTrue(valid.ToString());
        valid.GetProperty("auditEntries").GetInt64().Should().BeGreaterThanOrEqualTo(3);
        valid.GetProperty("pending").GetInt64().Should().Be(0);
        return (app, auditor);
    }

    private static async Task<JsonElement> Verify(HttpClient auditor) => await (await auditor.GetAsync("/api/v1/audit/verify")).EnsureSuccessStatusCode().Json();

    private static string Victim(ClockedApp app, string tenant, int offset = 1) =>
        app.Column($"SELECT seq FROM audit_log WHERE tenant_id = '{tenant}' AND action = 'customer.created' ORDER BY seq LIMIT 1 OFFSET {offset}").Single();

    [Theory]
    [InlineData("actor", "'mallory'")]
    [InlineData("before", "'{}'")]
    [InlineData("after", "replace(after, 'Hof', 'Hoff')")]
    [InlineData("at", "replace(at, 'T09:', 'T08:')")]
    [InlineData("at", "'not a time'")]
    [InlineData("correlation_id", "'forged'")]
    public async Task ChangingOneFieldOfAStoredAuditRow_IsNamedByVerify(string column, string value)
    {
        var tenant = $"tamper-{column.Replace('_', '-')}-{(uint)value.GetHashCode() % 1000}";
        var (app, auditor) = await ThreeCustomers(tenant);
        using var _ = app;
        var victim = Victim(app, tenant);
        app.Execute($"UPDATE audit_log SET {column} = {value} WHERE seq = {victim}").Should().Be(1);

        var broken = await Verify(auditor);
        broken.GetProperty("valid").GetBoolean().Should().BeFalse();
        broken.GetProperty("brokenAuditEntry").GetProperty("sequence").GetInt64().Should().Be(long.Parse(victim));
        broken.GetProperty("brokenAuditEntry").GetProperty("action").GetString().Should().Be("customer.created");
        broken.GetProperty("reason").GetString().Should().Contain("changed");
    }

    [Fact]
    public async Task RemovingAStoredAuditRow_IsNamedByVerify()
    {
        var (app, auditor) = await ThreeCustomers("tamper-delete");
        using var _ = app;
        var victim = Victim(app, "tamper-delete");
        var subject = app.Column($"SELECT entity_type || '/' || entity_id FROM audit_log WHERE seq = {victim}").Single();
        app.Execute($"DELETE FROM audit_log WHERE seq = {victim}").Should().Be(1);

        var broken = await Verify(auditor);
        broken.GetProperty("valid").GetBoolean().Should().BeFalse();
        broken.GetProperty("reason").GetString().Should().Contain("removed").And.Contain(subject);
        broken.GetProperty("firstBroken").GetProperty("eventType").GetString().Should().Be("customer.created");
    }

    [Fact]
    public async Task SwappingTwoStoredAuditRows_IsNamedByVerify()
    {
        var (app, auditor) = await ThreeCustomers("tamper-swap");
        using var _ = app;
        var first = long.Parse(Victim(app, "tamper-swap", 0));
        var second = long.Parse(Victim(app, "tamper-swap", 1));
        // Exchange everything but the position: the log then lists the second customer before the first.
        const string columns = "tenant_id, at, actor, action, entity_type, entity_id, before, after, correlation_id, event_id";
        app.Execute($"""
            CREATE TEMP TABLE swap AS SELECT seq, {columns} FROM audit_log WHERE seq IN ({first}, {second});
            UPDATE audit_log SET ({columns}) = (SELECT {columns} FROM swap WHERE swap.seq = {second}) WHERE seq = {first};
            UPDATE audit_log SET ({columns}) = (SELECT {columns} FROM swap WHERE swap.seq = {first}) WHERE seq = {second};
            """);

        var broken = await Verify(auditor);
        broken.GetProperty("valid").GetBoolean().Should().BeFalse();
        broken.GetProperty("reason").GetString().Should().Contain("out of order");
        broken.GetProperty("brokenAuditEntry").GetProperty("sequence").GetInt64().Should().Be(second);
    }

    [Theory]
    [InlineData("'forged-event'")]
    [InlineData("NULL")]
    public async Task InsertingAnAuditRow_IsNamedByVerify(string eventId)
    {
        var tenant = eventId == "NULL" ? "tamper-insert-null" : "tamper-insert";
        var (app, auditor) = await ThreeCustomers(tenant);
        using var _ = app;
        app.Execute($"""
            INSERT INTO audit_log (tenant_id, at, actor, action, entity_type, entity_id, before, after, correlation_id, event_id)
            VALUES ('{tenant}', '2026-11-22T09:00:01Z', 'alice', 'customer.deleted', 'customer', 'x', NULL, NULL, NULL, {eventId})
            """);

        var broken = await Verify(auditor);
        broken.GetProperty("valid").GetBoolean().Should().BeFalse();
        broken.GetProperty("reason").GetString().Should().Contain("not in the chain");
        broken.GetProperty("brokenAuditEntry").GetProperty("action").GetString().Should().Be("customer.deleted");
    }

    [Fact]
    public async Task Verify_WhileAThousandEventsAreAppended_NeverAnswersBroken()
    {
        using var app = new ClockedApp();
        var client = await app.Admin("busy-chain");
        var auditor = await app.ClientFor("busy-chain", "ute", "auditor");
        var runner = app.Runner();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
                (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer($"Hof Eilig {w}-{i}"))).EnsureSuccessStatusCode();
        })).ToArray();
        var linker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) { await runner.Drain(); await Task.Delay(5); }
        });
        var answers = new List<JsonElement>();
        for (var poll = 0; poll < 100; poll++)
        {
            answers.Add(await Verify(auditor));
            await Task.Delay(20);
        }
        await Task.WhenAll(writers);
        stop.Cancel();
        await linker;
        await runner.Drain();

        answers.Where(a => !a.GetProperty("valid").GetBoolean()).Select(a => a.GetProperty("reason").GetString()).Should().BeEmpty();
        answers.Should().Contain(a => a.GetProperty("pending").GetInt64() > 0, "some polls saw rows whose events were not linked yet");
        var final = await Verify(auditor);
        final.GetProperty("valid").GetBoolean().Should().BeTrue();
        final.GetProperty("pending").GetInt64().Should().Be(0);
        final.GetProperty("auditEntries").GetInt64().Should().BeGreaterThanOrEqualTo(1000);
    }
}

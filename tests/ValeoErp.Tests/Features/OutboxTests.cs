using Microsoft.Data.Sqlite;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Every state change writes its domain event into the outbox, in the same transaction (issue 3).</summary>
public sealed class OutboxTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task PostingAnInvoice_WritesDocumentJournalAndOpenItemEvents()
    {
        var trade = await Open(app, "outbox");
        var invoice = await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m));

        var events = Events("outbox");
        events.Should().ContainInOrder("salesOrder.created", "salesOrder.approved", "deliveryNote.delivered", "salesInvoice.created", "salesInvoice.posted");
        events.Should().Contain(["journalEntry.posted", "openItem.opened", "stock.issue"]);
        Subjects("outbox", "salesInvoice.posted").Should().ContainSingle().Which.Should().Be($"document/{invoice.GetProperty("id").GetString()}");
    }

    private List<string> Events(string tenant) => Query($"SELECT type FROM outbox WHERE tenant_id = '{tenant}' ORDER BY seq");

    private List<string> Subjects(string tenant, string type) => Query($"SELECT subject FROM outbox WHERE tenant_id = '{tenant}' AND type = '{type}'");

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "valeo.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }
}

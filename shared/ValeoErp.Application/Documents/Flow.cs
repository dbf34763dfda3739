using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>An edge of the document flow (order -> delivery note -> invoice -> credit note), stored once, read both ways.</summary>
public sealed record FlowEdge(FlowLink From, FlowLink To);

public sealed record FlowView(FlowLink Document, IReadOnlyList<FlowLink> Predecessors, IReadOnlyList<FlowLink> Successors);

public sealed class DocumentFlow(Ledger ledger)
{
    public const string Type = "flow";

    /// <summary>Adds the edge to the change set that creates <paramref name="to"/>, so the link exists exactly when the document does.</summary>
    public static void Link(ChangeSet changes, TradeDocument from, TradeDocument to) =>
        Ledger.Create(changes, Type, $"{from.Id}>{to.Id}", new FlowEdge(from.Link, to.Link),
            new RecordIndex($"{to.DocumentDate:yyyy-MM-dd}|{to.Id}", "", [$"from:{from.Id}", $"to:{to.Id}"]));

    public async Task<Result<FlowView>> Of(string id, CancellationToken ct)
    {
        var loaded = await DocumentStore.Load(ledger, id, ct);
        if (!loaded.IsSuccess) return loaded.Error!;
        var scope = DocumentStore.ScopeOf(id)!.Value;
        var incoming = await ledger.All<FlowEdge>(scope, Type, ct, $"to:{id}");
        var outgoing = await ledger.All<FlowEdge>(scope, Type, ct, $"from:{id}");
        return new FlowView(loaded.Value.Value.Link, await Current(incoming.Select(e => e.From), ct), await Current(outgoing.Select(e => e.To), ct));
    }

    /// <summary>
    /// An edge keeps the link as it was when the edge was written (a draft invoice has no number yet); the flow
    /// shows each document as it is now, so a posted invoice appears with its number.
    /// </summary>
    private async Task<FlowLink[]> Current(IEnumerable<FlowLink> links, CancellationToken ct)
    {
        var current = new List<FlowLink>();
        foreach (var link in links)
            current.Add(await DocumentStore.Load(ledger, link.Id, ct) is { IsSuccess: true } found ? found.Value.Value.Link : link);
        return [.. current];
    }

    public Task<List<FlowEdge>> Successors(string id, CancellationToken ct) =>
        ledger.All<FlowEdge>(DocumentStore.ScopeOf(id)!.Value, Type, ct, $"from:{id}");
}

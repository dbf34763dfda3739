using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>
/// Drafts can be thrown away; posted and issued documents never (GoBD) - they are corrected by credit
/// notes and reversals. Deleting an invoice draft gives its quantities back to the order for invoicing.
/// </summary>
public sealed class Deletion(Ledger ledger, DocumentFlow flow)
{
    public Task<Result<bool>> Delete(string id, DocumentKind kind, string? ifMatch, CancellationToken ct) =>
        Ledger.Retrying<bool>(async () =>
        {
            if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
            var loaded = await DocumentStore.Load(ledger, id, ct, kind);
            if (!loaded.IsSuccess) return loaded.Error!;
            var (document, version) = loaded.Value;
            if (!ETags.Matches(ifMatch, version)) return new VersionMismatch(version);
            if (document.Status == DocumentStatus.Posted) return Rules.Posted(document);
            if (!document.IsEditable) return Rules.NotInStatus(document, "deleted", DocumentStatus.Draft, DocumentStatus.Rejected);
            var scope = Scope.Year(document.Year);
            if ((await flow.Successors(id, ct)).Count > 0)
                return new RuleBroken("document-has-successors", "Documents were already made from this one; it cannot be deleted.");

            var changes = new ChangeSet();
            changes.Writes.Add(new DeleteRecord(DocumentStore.Type, id, version));
            ledger.Record(changes, DocumentStore.Type, $"{DocumentStore.KindLabel(kind)}.deleted", id, ValeoJson.Serialize(document), null);
            foreach (var edge in await ledger.List<FlowEdge>(scope, new RecordQuery(DocumentFlow.Type, 200, Label: $"to:{id}"), ct) is var page ? page.Items : [])
            {
                changes.Writes.Add(new DeleteRecord(DocumentFlow.Type, $"{edge.Value.From.Id}>{id}", edge.Version));
                if (kind.IsInvoice() && edge.Value.From.Kind.IsOrder())
                {
                    var order = await DocumentStore.Load(ledger, edge.Value.From.Id, ct);
                    if (!order.IsSuccess) continue;
                    var returned = order.Value.Value with
                    {
                        Lines = order.Value.Value.Lines.Select(l => document.Lines.FirstOrDefault(d => d.LineNo == l.LineNo) is { } billed
                            ? l with { Invoiced = l.Invoiced - billed.Quantity } : l).ToArray(),
                    };
                    DocumentStore.Stage(ledger, changes, returned, order.Value, "invoiceDraftDeleted");
                }
            }
            return await ledger.Commit(scope, changes, ct) is { } error ? error : true;
        });
}

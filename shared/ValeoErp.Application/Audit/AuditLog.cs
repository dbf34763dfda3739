using ValeoErp.Application.Abstractions;

namespace ValeoErp.Application.Audit;

public sealed record AuditLogView(long Sequence, NodaTime.Instant At, string Actor, string Action, string EntityType,
    string EntityId, System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, string? CorrelationId);

/// <summary>
/// Reads the audit trail of the caller's tenant, oldest first, optionally for one record. Values erased on a data
/// subject's request are redacted in what this shows; the stored rows stay as the hash chain recorded them.
/// </summary>
public sealed class AuditLog(IRecordStore store, RequestContext context, Ledger ledger)
{
    public async Task<Page<AuditLogView>> List(string? entityId, int limit, string? continuation, CancellationToken ct)
    {
        var page = await store.ListAudit(context.Actor.Tenant, entityId, limit, continuation, ct);
        var erased = await Privacy.DataSubjectErasure.Erased(ledger, ct);
        return new Page<AuditLogView>(page.Items.Select(r => new AuditLogView(r.Sequence, r.Entry.At, r.Entry.Actor,
            r.Entry.Action, r.Entry.EntityType, r.Entry.EntityId, Parse(Privacy.DataSubjectErasure.Redact(r.Entry.Before, erased)),
            Parse(Privacy.DataSubjectErasure.Redact(r.Entry.After, erased)), r.Entry.CorrelationId)).ToArray(), page.Continuation);
    }

    private static System.Text.Json.JsonElement? Parse(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}

using ValeoErp.Application.Abstractions;

namespace ValeoErp.Application.Audit;

public sealed record AuditLogView(long Sequence, NodaTime.Instant At, string Actor, string Action, string EntityType,
    string EntityId, System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, string? CorrelationId);

/// <summary>Reads the audit trail of the caller's tenant, oldest first, optionally for one record.</summary>
public sealed class AuditLog(IRecordStore store, RequestContext context)
{
    public async Task<Page<AuditLogView>> List(string? entityId, int limit, string? continuation, CancellationToken ct)
    {
        var page = await store.ListAudit(context.Actor.Tenant, entityId, limit, continuation, ct);
        return new Page<AuditLogView>(page.Items.Select(r => new AuditLogView(r.Sequence, r.Entry.At, r.Entry.Actor,
            r.Entry.Action, r.Entry.EntityType, r.Entry.EntityId, Parse(r.Entry.Before), Parse(r.Entry.After),
            r.Entry.CorrelationId)).ToArray(), page.Continuation);
    }

    private static System.Text.Json.JsonElement? Parse(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}

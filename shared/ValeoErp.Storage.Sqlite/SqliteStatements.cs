using System.Reflection;
using System.Text;

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// Every statement the SQLite adapter issues, in one place: the constants below and the list shapes
/// <see cref="List"/> composes. QueryPlanTests runs EXPLAIN QUERY PLAN over each of them (<see cref="All"/>) and fails
/// on a full scan of a table that grows with the data, so a new statement comes with the index it needs.
/// </summary>
internal static class SqliteStatements
{
    // --- schema_migrations (one row per migration step) ---
    public const string MigrationsApplied = "SELECT version FROM schema_migrations";
    public const string MigrationMark = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $a)";
    public const string Ping = "SELECT count(*) FROM schema_migrations";

    // --- records and their labels ---
    public const string RecordGet = "SELECT version, data FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id";
    public const string RecordExists = "SELECT count(*) FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id";
    public const string RecordInsert = """
        INSERT INTO records (tenant_id, scope, type, id, version, sort_key, search, labels, data)
        VALUES ($t, $s, $type, $id, $v, $k, $q, $l, $data)
        """;
    public const string RecordReplace = """
        UPDATE records SET version = version + 1, sort_key = $k, search = $q, labels = $l, data = $data
        WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id AND version = $v
        """;
    public const string RecordDelete = "DELETE FROM records WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id AND version = $v";

    /// <summary>
    /// The label rows of one record (record_labels, migration 4) are written with it, in the same transaction, from
    /// $labels, a JSON array of its labels: on a replace the rows that no longer hold go (LabelsDelete with $labels;
    /// on a delete $labels is []) and the missing ones come (LabelsInsert; the rows already there are kept).
    /// </summary>
    public const string LabelsDelete = """
        DELETE FROM record_labels WHERE tenant_id = $t AND scope = $s AND type = $type AND id = $id
        AND (sort_key <> $k OR label NOT IN (SELECT value FROM json_each($labels)))
        """;
    public const string LabelsInsert = """
        INSERT OR IGNORE INTO record_labels (tenant_id, scope, type, label, sort_key, id) SELECT $t, $s, $type, value, $k, $id FROM json_each($labels)
        """;

    // --- tenant transfer (backup and restore) ---
    /// <summary>Served by the partial index ix_records_tenants, which holds the tenant records only.</summary>
    public const string Tenants = "SELECT id FROM records WHERE type = 'tenant' AND scope = 'master' ORDER BY id";
    public const string TenantExport = "SELECT scope, type, id, version, sort_key, search, labels, data FROM records WHERE tenant_id = $t ORDER BY scope, type, id";
    public const string TenantAny = "SELECT count(*) FROM (SELECT 1 FROM records WHERE tenant_id = $t LIMIT 1)";

    // --- idempotency ---
    public const string IdempotencyGet = "SELECT request_hash, status, location, etag, body, created_at FROM idempotency WHERE tenant_id = $t AND key = $k";
    public const string IdempotencyInsert = """
        INSERT INTO idempotency (tenant_id, key, request_hash, status, location, etag, body, created_at)
        VALUES ($t, $k, $h, $status, $loc, $etag, $body, $at)
        """;

    // --- audit log ---
    public const string AuditInsert = """
        INSERT INTO audit_log (tenant_id, at, actor, action, entity_type, entity_id, before, after, correlation_id, event_id)
        VALUES ($t, $at, $actor, $action, $etype, $eid, $before, $after, $corr, $event)
        """;
    private const string AuditColumns = "seq, at, actor, action, entity_type, entity_id, before, after, correlation_id, event_id";
    public const string AuditOfEvents = $"SELECT {AuditColumns} FROM audit_log WHERE tenant_id = $t AND event_id IN (SELECT value FROM json_each($ids))";
    public const string AuditPage = $"SELECT {AuditColumns} FROM audit_log WHERE tenant_id = $t AND seq > $after ORDER BY seq LIMIT $limit";
    public const string AuditPageOfEntity = $"SELECT {AuditColumns} FROM audit_log WHERE tenant_id = $t AND seq > $after AND entity_id = $e ORDER BY seq LIMIT $limit";

    // --- outbox ---
    public const string OutboxInsert = """
        INSERT INTO outbox (id, tenant_id, scope, type, subject, time, correlation_id, causation_id, data, trace_parent, actor, not_before)
        VALUES ($id, $t, $s, $type, $subject, $time, $corr, $cause, $data, $trace, $actor, $notBefore)
        """;
    private const string OutboxColumns = "seq, id, tenant_id, scope, type, subject, time, correlation_id, causation_id, data, trace_parent, actor, not_before";
    public const string OutboxUnpublished = $"SELECT {OutboxColumns} FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $limit";
    public const string OutboxMarkPublished = "UPDATE outbox SET published_at = $at WHERE id = $value AND published_at IS NULL";
    public const string OutboxAfter = $"SELECT {OutboxColumns} FROM outbox WHERE tenant_id = $t AND seq > $after ORDER BY seq LIMIT $limit";
    public const string OutboxHead = "SELECT coalesce(max(seq), 0) FROM outbox WHERE tenant_id = $t";

    /// <summary>The unpublished events among up to 500 ids ($id0, $id1, ...).</summary>
    public static string OutboxUnpublishedOf(int ids) =>
        $"SELECT {OutboxColumns} FROM outbox WHERE published_at IS NULL AND id IN ({string.Join(',', Enumerable.Range(0, ids).Select(i => $"$id{i}"))}) ORDER BY seq";

    // --- local bus ---
    public const string BusInsert = """
        INSERT OR IGNORE INTO bus_messages (topic, subscription, message_id, tenant_id, subject, correlation_id, body, properties, enqueued_at, visible_at)
        VALUES ($topic, $sub, $mid, $t, $subject, $corr, $body, $props, $now, $visible)
        """;
    public const string BusDue = """
        SELECT id, topic, subscription, message_id, tenant_id, subject, correlation_id, body, properties, delivery_count, enqueued_at
        FROM bus_messages WHERE state = 'active' AND visible_at <= $now ORDER BY visible_at, id LIMIT $limit
        """;
    public const string BusLock = "UPDATE bus_messages SET delivery_count = delivery_count + 1, visible_at = $until WHERE id = $id";
    public const string BusComplete = "UPDATE bus_messages SET state = 'completed', body = '' WHERE id = $id";
    public const string BusCompleteEach = "UPDATE bus_messages SET state = 'completed', body = '' WHERE id = $value";
    public const string BusAbandon = "UPDATE bus_messages SET visible_at = $v, last_error = $e WHERE id = $id";
    public const string BusDeadLetter = "UPDATE bus_messages SET state = 'deadlettered', last_error = $e, dead_lettered_at = $at WHERE id = $id";
    public const string BusDeadLetters = """
        SELECT id, subscription, message_id, subject, delivery_count, last_error, dead_lettered_at, enqueued_at
        FROM bus_messages WHERE tenant_id = $t AND state = 'deadlettered' ORDER BY id
        """;
    public const string BusReplay = """
        UPDATE bus_messages SET state = 'active', delivery_count = 0, visible_at = $now, last_error = NULL, dead_lettered_at = NULL
        WHERE id = $id AND tenant_id = $t AND state = 'deadlettered'
        """;
    public const string BusActive = "SELECT count(*) FROM bus_messages WHERE state = 'active'";

    // --- full-text search (FTS5) ---
    public const string SearchDocInsert = "INSERT INTO search_docs (tenant_id, kind, doc_id, title, subtitle, body) VALUES ($t, $k, $id, $title, $sub, $body)";
    public const string SearchKeyInsert = "INSERT INTO search_keys (tenant_id, kind, doc_id, row) VALUES ($t, $k, $id, last_insert_rowid())";
    public const string SearchDocDelete = "DELETE FROM search_docs WHERE rowid IN (SELECT row FROM search_keys WHERE tenant_id = $t AND kind = $k AND doc_id = $id)";
    public const string SearchKeyDelete = "DELETE FROM search_keys WHERE tenant_id = $t AND kind = $k AND doc_id = $id";

    /// <summary>
    /// A search: terms of three or more characters go through the trigram index (MATCH); shorter ones narrow with
    /// LIKE ($s0, $s1, ...); kinds are $kind0, $kind1, ...
    /// </summary>
    public static string SearchQuery(bool indexed, int shortTerms, int kinds)
    {
        var sql = new StringBuilder("SELECT kind, doc_id, title, subtitle FROM search_docs WHERE tenant_id = $t");
        if (indexed) sql.Append(" AND search_docs MATCH $match");
        for (var i = 0; i < shortTerms; i++) sql.Append($" AND body LIKE $s{i} ESCAPE '\\'");
        sql.Append($" AND kind IN ({string.Join(',', Enumerable.Range(0, kinds).Select(i => $"$kind{i}"))})");
        sql.Append(indexed ? " ORDER BY rank LIMIT $limit" : " LIMIT $limit");
        return sql.ToString();
    }

    /// <summary>
    /// How many rows (up to $cap) carry label $label within the key range: the list of several labels is driven by
    /// the one with the fewest rows (a partner's invoices, not all invoices), each probe bounded by the cap.
    /// </summary>
    public static string LabelProbe(bool keyFrom, bool keyTo)
    {
        var sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM record_labels WHERE tenant_id = $t AND scope = $s AND type = $type AND label = $label");
        if (keyFrom) sql.Append(" AND sort_key >= $from");
        if (keyTo) sql.Append(" AND sort_key <= $to");
        return sql.Append(" LIMIT $cap)").ToString();
    }

    /// <summary>
    /// One page of a type in (sort key, id) order, keyset-paged by the row value ($k, $i) - never with $from as well:
    /// the caller keeps the tighter of the two lower bounds, so the index range starts at the page. Without labels the
    /// records index ix_records_sort serves it; with labels record_labels (its key is tenant, scope, type, label,
    /// sort key, id) is the outer loop for $label0 - CROSS JOIN fixes that order - and each further label
    /// ($label1, ...) is a primary-key probe. $q is a substring of the search text, $from/$to bound the sort key.
    /// </summary>
    public static string List(int labels, bool search, bool keyFrom, bool keyTo, bool after)
    {
        var sql = new StringBuilder();
        string key, id;
        if (labels == 0)
        {
            sql.Append("SELECT id, version, data, sort_key FROM records WHERE tenant_id = $t AND scope = $s AND type = $type");
            if (search) sql.Append(" AND instr(search, $q) > 0");
            (key, id) = ("sort_key", "id");
        }
        else
        {
            sql.Append("""
                SELECT r.id, r.version, r.data, r.sort_key FROM record_labels AS l CROSS JOIN records AS r
                ON r.tenant_id = l.tenant_id AND r.scope = l.scope AND r.type = l.type AND r.id = l.id
                WHERE l.tenant_id = $t AND l.scope = $s AND l.type = $type AND l.label = $label0
                """);
            for (var i = 1; i < labels; i++)
                sql.Append($"""
                     AND EXISTS (SELECT 1 FROM record_labels AS m{i} WHERE m{i}.tenant_id = $t AND m{i}.scope = $s AND m{i}.type = $type
                    AND m{i}.label = $label{i} AND m{i}.sort_key = l.sort_key AND m{i}.id = l.id)
                    """);
            if (search) sql.Append(" AND instr(r.search, $q) > 0");
            (key, id) = ("l.sort_key", "l.id");
        }
        if (keyFrom) sql.Append($" AND {key} >= $from");
        if (keyTo) sql.Append($" AND {key} <= $to");
        if (after) sql.Append($" AND ({key}, {id}) > ($k, $i)");
        return sql.Append($" ORDER BY {key}, {id} LIMIT $limit").ToString();
    }

    /// <summary>Every statement by name, with each list, probe and search shape, for the plan test.</summary>
    public static IEnumerable<(string Name, string Sql)> All()
    {
        foreach (var field in typeof(SqliteStatements).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)))
            yield return (field.Name, (string)field.GetRawConstantValue()!);
        yield return ("OutboxUnpublishedOf(3)", OutboxUnpublishedOf(3));
        foreach (var indexed in new[] { true, false })
            yield return ($"SearchQuery(indexed: {indexed})", SearchQuery(indexed, shortTerms: 1, kinds: 2));
        foreach (var from in new[] { false, true })
            foreach (var to in new[] { false, true })
                yield return ($"LabelProbe(from: {from}, to: {to})", LabelProbe(from, to));
        foreach (var labels in new[] { 0, 1, 3 })
            foreach (var search in new[] { false, true })
                foreach (var (from, to, after) in new[] { (false, false, false), (false, false, true), (true, true, false), (false, true, true), (true, false, false) })
                    yield return ($"List(labels: {labels}, search: {search}, from: {from}, to: {to}, after: {after})", List(labels, search, from, to, after));
    }
}

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// Versioned schema steps, applied in order at start-up, each in its own transaction. Never edit a
/// step that has shipped: add the next one.
/// </summary>
internal static class Migrations
{
    public static readonly (int Version, string Name, string Sql)[] All =
    [
        (1, "records, idempotency, audit, outbox", """
            CREATE TABLE records (
                tenant_id  TEXT NOT NULL,
                scope      TEXT NOT NULL,
                type       TEXT NOT NULL,
                id         TEXT NOT NULL,
                version    INTEGER NOT NULL,
                sort_key   TEXT NOT NULL,
                search     TEXT NOT NULL,
                labels     TEXT NOT NULL,
                data       TEXT NOT NULL,
                PRIMARY KEY (tenant_id, scope, type, id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_records_sort ON records (tenant_id, scope, type, sort_key, id);

            CREATE TABLE idempotency (
                tenant_id    TEXT NOT NULL,
                key          TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status       INTEGER NOT NULL,
                location     TEXT,
                etag         TEXT,
                body         TEXT NOT NULL,
                created_at   TEXT NOT NULL,
                PRIMARY KEY (tenant_id, key)
            ) WITHOUT ROWID;

            CREATE TABLE audit_log (
                seq            INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant_id      TEXT NOT NULL,
                at             TEXT NOT NULL,
                actor          TEXT NOT NULL,
                action         TEXT NOT NULL,
                entity_type    TEXT NOT NULL,
                entity_id      TEXT NOT NULL,
                before         TEXT,
                after          TEXT,
                correlation_id TEXT
            );
            CREATE INDEX ix_audit_tenant ON audit_log (tenant_id, seq);
            CREATE INDEX ix_audit_entity ON audit_log (tenant_id, entity_id, seq);

            CREATE TABLE outbox (
                seq            INTEGER PRIMARY KEY AUTOINCREMENT,
                id             TEXT NOT NULL UNIQUE,
                tenant_id      TEXT NOT NULL,
                scope          TEXT NOT NULL,
                type           TEXT NOT NULL,
                subject        TEXT NOT NULL,
                time           TEXT NOT NULL,
                correlation_id TEXT,
                causation_id   TEXT,
                data           TEXT NOT NULL,
                published_at   TEXT
            );
            CREATE INDEX ix_outbox_pending ON outbox (published_at, seq);
            """),
        (2, "outbox trace context and schedule; local bus", """
            ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
            ALTER TABLE outbox ADD COLUMN actor TEXT;
            ALTER TABLE outbox ADD COLUMN not_before TEXT;
            CREATE INDEX ix_outbox_tenant ON outbox (tenant_id, seq);

            -- The local stand-in for the Service Bus topic: one row per (subscription, message). The unique
            -- key is duplicate detection by MessageId; times are Unix milliseconds so they compare as numbers.
            CREATE TABLE bus_messages (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                topic            TEXT NOT NULL,
                subscription     TEXT NOT NULL,
                message_id       TEXT NOT NULL,
                tenant_id        TEXT NOT NULL,
                subject          TEXT NOT NULL,
                correlation_id   TEXT,
                body             TEXT NOT NULL,
                properties       TEXT NOT NULL,
                enqueued_at      INTEGER NOT NULL,
                visible_at       INTEGER NOT NULL,
                delivery_count   INTEGER NOT NULL DEFAULT 0,
                state            TEXT NOT NULL DEFAULT 'active',
                last_error       TEXT,
                dead_lettered_at INTEGER,
                UNIQUE (topic, subscription, message_id)
            );
            CREATE INDEX ix_bus_due ON bus_messages (state, visible_at);
            CREATE INDEX ix_bus_dead ON bus_messages (tenant_id, state);
            """),
        (3, "full-text search", """
            -- Trigram tokens find parts of compound words (salpeter in Kalkammonsalpeter); the body holds both German
            -- folds of the text (ae/oe/ue/ss and stripped diacritics), see SearchText.
            CREATE VIRTUAL TABLE search_docs USING fts5(
                tenant_id UNINDEXED, kind UNINDEXED, doc_id UNINDEXED, title UNINDEXED, subtitle UNINDEXED, body,
                tokenize = 'trigram');
            CREATE TABLE search_keys (
                tenant_id TEXT NOT NULL, kind TEXT NOT NULL, doc_id TEXT NOT NULL, row INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, kind, doc_id)
            ) WITHOUT ROWID;
            """),
        (4, "label index; tenant index", """
            -- One row per (record, label), written in the transaction that writes the record: a label list is a range
            -- of this key in sort-key order, not a scan of the type (issue 13). records.labels stays as written, for export.
            CREATE TABLE record_labels (
                tenant_id TEXT NOT NULL,
                scope     TEXT NOT NULL,
                type      TEXT NOT NULL,
                label     TEXT NOT NULL,
                sort_key  TEXT NOT NULL,
                id        TEXT NOT NULL,
                PRIMARY KEY (tenant_id, scope, type, label, sort_key, id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_record_labels_record ON record_labels (tenant_id, scope, type, id);

            -- Backfill from records.labels ("|a|b|", "|" for none).
            WITH RECURSIVE split (tenant_id, scope, type, id, sort_key, label, rest) AS (
                SELECT tenant_id, scope, type, id, sort_key, NULL, substr(labels, 2) FROM records
                UNION ALL
                SELECT tenant_id, scope, type, id, sort_key, substr(rest, 1, instr(rest, '|') - 1), substr(rest, instr(rest, '|') + 1)
                FROM split WHERE instr(rest, '|') > 0
            )
            INSERT OR IGNORE INTO record_labels (tenant_id, scope, type, label, sort_key, id)
            SELECT tenant_id, scope, type, label, sort_key, id FROM split WHERE label IS NOT NULL;

            -- The tenant list (backup) without reading every tenant's records: holds the tenant records only.
            CREATE INDEX ix_records_tenants ON records (id) WHERE type = 'tenant' AND scope = 'master';
            """),
        (5, "audit rows name their event", """
            -- The event written with the row (same id): the audit chain links the row's content through it (issue 15).
            ALTER TABLE audit_log ADD COLUMN event_id TEXT;
            CREATE INDEX ix_audit_event ON audit_log (tenant_id, event_id);
            """),
    ];
}

namespace ValeoErp.Durable.Engine;

/// <summary>DDL of the store. Times are stored as ticks (100 ns) since the Unix epoch.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS instances (
            hub            TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            execution_id   TEXT    NOT NULL,
            name           TEXT    NOT NULL,
            status         INTEGER NOT NULL,
            input          TEXT,
            output         TEXT,
            custom_status  TEXT,
            created_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL,
            completed_at   INTEGER,
            state_json     TEXT    NOT NULL,
            PRIMARY KEY (hub, instance_id)
        );
        CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (hub, created_at, instance_id);

        CREATE TABLE IF NOT EXISTS history (
            hub            TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            execution_id   TEXT    NOT NULL,
            sequence       INTEGER NOT NULL,
            event_type     TEXT    NOT NULL,
            event_json     TEXT    NOT NULL,
            PRIMARY KEY (hub, instance_id, execution_id, sequence)
        );

        CREATE TABLE IF NOT EXISTS orchestration_messages (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            hub            TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            visible_at     INTEGER NOT NULL,
            message_json   TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_orchestration_messages_visible ON orchestration_messages (hub, visible_at);
        CREATE INDEX IF NOT EXISTS ix_orchestration_messages_instance ON orchestration_messages (hub, instance_id);

        CREATE TABLE IF NOT EXISTS activity_messages (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            hub            TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            message_json   TEXT    NOT NULL,
            lock_token     TEXT,
            locked_until   INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_activity_messages_lock ON activity_messages (hub, locked_until);

        CREATE TABLE IF NOT EXISTS instance_leases (
            hub            TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            lock_token     TEXT,
            locked_until   INTEGER NOT NULL,
            PRIMARY KEY (hub, instance_id)
        );
        """;
}

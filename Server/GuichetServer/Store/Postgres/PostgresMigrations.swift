import Logging
import PostgresNIO

/// Versioned schema migrations, recorded in `schema_migration`, mirroring the SQLite ones step by step.
/// Append-only: never edit a shipped step, add the next. Applied under an advisory lock so two server
/// processes starting together do not race.
enum PostgresMigrations {
    static let steps: [(name: String, sql: [String])] = [
        ("v1-guichets-devices", [
            """
            CREATE TABLE guichet (code TEXT PRIMARY KEY, nom TEXT NOT NULL, commune_insee TEXT NOT NULL, niveau INTEGER NOT NULL,
              type TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)
            """,
            """
            CREATE TABLE enrollment_code (code_hash TEXT PRIMARY KEY, guichet_code TEXT NOT NULL REFERENCES guichet(code),
              expires_at TEXT NOT NULL, used_at TEXT)
            """,
            """
            CREATE TABLE device (id TEXT PRIMARY KEY, guichet_code TEXT NOT NULL REFERENCES guichet(code), name TEXT NOT NULL,
              token_hash TEXT NOT NULL UNIQUE, token_expires_at TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT,
              last_applied BIGINT NOT NULL DEFAULT 0, last_seen_at TEXT, last_pull_seq BIGINT NOT NULL DEFAULT 0, client_build TEXT,
              clock_flagged_at TEXT, clock_skew_ms BIGINT, pending_commands BIGINT, pending_pieces BIGINT)
            """,
        ]),
        ("v1-demandes-stream", [
            """
            CREATE TABLE demande (id TEXT PRIMARY KEY, numero_unique TEXT UNIQUE, version BIGINT NOT NULL, statut TEXT NOT NULL,
              guichet_origine TEXT NOT NULL, updated_seq BIGINT NOT NULL, body TEXT NOT NULL, field_origins TEXT NOT NULL DEFAULT '{}')
            """,
            """
            CREATE TABLE demande_scope (demande_id TEXT NOT NULL REFERENCES demande(id), guichet_code TEXT NOT NULL,
              since_seq BIGINT NOT NULL, PRIMARY KEY (guichet_code, demande_id))
            """,
            "CREATE TABLE numero_counter (territoire TEXT NOT NULL, mois TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (territoire, mois))",
            """
            CREATE TABLE change_log (seq BIGINT PRIMARY KEY, visibility TEXT NOT NULL, device_id TEXT, guichet_code TEXT,
              demande_id TEXT, for_all BOOLEAN NOT NULL DEFAULT FALSE, body BYTEA NOT NULL)
            """,
            "CREATE SEQUENCE change_seq",
            "CREATE INDEX change_log_device ON change_log(device_id, seq) WHERE device_id IS NOT NULL",
            "CREATE INDEX change_log_guichet ON change_log(guichet_code, seq) WHERE guichet_code IS NOT NULL",
            "CREATE INDEX change_log_demande ON change_log(demande_id, seq)",
            "CREATE TABLE command_outcome (device_id TEXT NOT NULL, number BIGINT NOT NULL, body BYTEA NOT NULL, PRIMARY KEY (device_id, number))",
            """
            CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, device_id TEXT, guichet_code TEXT, agent TEXT, hlc TEXT,
              command_number BIGINT, action TEXT NOT NULL, entity_id TEXT, outcome TEXT NOT NULL, details TEXT)
            """,
            """
            CREATE TABLE conflict (id TEXT PRIMARY KEY, demande_id TEXT NOT NULL, created_at TEXT NOT NULL, resolved_at TEXT,
              resolution TEXT, resolved_by TEXT, body TEXT NOT NULL)
            """,
        ]),
        ("v1-pieces-accueil", [
            "CREATE TABLE blob (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, stored_at TEXT NOT NULL)",
            """
            CREATE TABLE piece (id TEXT PRIMARY KEY, demande_id TEXT NOT NULL REFERENCES demande(id), sha256 TEXT NOT NULL, type TEXT NOT NULL,
              guichet_code TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL, recue_le TEXT NOT NULL, body TEXT NOT NULL)
            """,
            "CREATE INDEX piece_sha ON piece(sha256)",
            "CREATE INDEX piece_demande ON piece(demande_id)",
            """
            CREATE TABLE accueil (id TEXT PRIMARY KEY, guichet_code TEXT NOT NULL, type TEXT NOT NULL, le TEXT NOT NULL, demande_id TEXT,
              device_id TEXT NOT NULL, received_at TEXT NOT NULL, seq BIGINT NOT NULL, body TEXT NOT NULL)
            """,
            "CREATE INDEX accueil_guichet_le ON accueil(guichet_code, le)",
        ]),
        ("v2-offres", [
            """
            CREATE TABLE offre (id TEXT PRIMARY KEY, bailleur TEXT NOT NULL, reference TEXT NOT NULL, statut TEXT NOT NULL,
              body TEXT NOT NULL, UNIQUE (bailleur, reference))
            """,
            """
            CREATE TABLE offre_event (id BIGSERIAL PRIMARY KEY, offre_id TEXT NOT NULL REFERENCES offre(id), at TEXT NOT NULL,
              par TEXT NOT NULL, type TEXT NOT NULL, details TEXT)
            """,
            "CREATE INDEX change_log_demande_snapshots ON change_log(seq) WHERE visibility = 'demande'",
        ]),
        ("v3-pilotage", [
            """
            CREATE TABLE pilotage_fait (id BIGSERIAL PRIMARY KEY, nature TEXT NOT NULL, guichet_code TEXT, jour TEXT NOT NULL, entite TEXT,
              code TEXT, valeur BIGINT, detail TEXT, recu_le_ms BIGINT NOT NULL)
            """,
            """
            CREATE TABLE staff (login TEXT PRIMARY KEY, nom TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL,
              disabled_at TEXT, last_login_at TEXT)
            """,
        ]),
    ]

    static func migrate(_ connection: PostgresConnection, logger: Logger) throws {
        let tx = PostgresTransaction(connection: connection, logger: logger)
        try tx.execute("BEGIN")
        do {
            try tx.execute("SELECT pg_advisory_xact_lock(\(PostgresStore.writeLockKey))")
            try tx.execute("CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try tx.rows("SELECT name FROM schema_migration").map { try $0.get("name", as: String.self) })
            for step in steps where !applied.contains(step.name) {
                for sql in step.sql { try tx.execute(PostgresQuery(unsafeSQL: sql)) }
                try tx.execute("INSERT INTO schema_migration (name) VALUES (\(step.name))")
                logger.info("migration appliquée", metadata: ["name": "\(step.name)"])
            }
            try tx.execute("COMMIT")
        } catch {
            try? tx.execute("ROLLBACK")
            throw error
        }
    }

    /// Names of the applied migrations, in order (for `guichet-server` and tests).
    static var names: [String] { steps.map(\.name) }
}

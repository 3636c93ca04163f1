import GRDB

extension SQLiteStore {
    /// Append-only migrations: never edit a shipped one, add the next.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-guichets-devices") { db in
            try db.execute(sql: """
                CREATE TABLE guichet (
                  code TEXT PRIMARY KEY, nom TEXT NOT NULL, commune_insee TEXT NOT NULL, niveau INTEGER NOT NULL,
                  type TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
                CREATE TABLE enrollment_code (
                  code_hash TEXT PRIMARY KEY, guichet_code TEXT NOT NULL REFERENCES guichet(code),
                  expires_at TEXT NOT NULL, used_at TEXT);
                CREATE TABLE device (
                  id TEXT PRIMARY KEY, guichet_code TEXT NOT NULL REFERENCES guichet(code), name TEXT NOT NULL,
                  token_hash TEXT NOT NULL UNIQUE, token_expires_at TEXT NOT NULL, created_at TEXT NOT NULL,
                  revoked_at TEXT, last_applied INTEGER NOT NULL DEFAULT 0, last_seen_at TEXT,
                  last_pull_seq INTEGER NOT NULL DEFAULT 0, client_build TEXT, clock_flagged_at TEXT,
                  clock_skew_ms INTEGER, pending_commands INTEGER, pending_pieces INTEGER);
                """)
        }
        m.registerMigration("v1-demandes-stream") { db in
            try db.execute(sql: """
                CREATE TABLE demande (
                  id TEXT PRIMARY KEY, numero_unique TEXT UNIQUE, version INTEGER NOT NULL, statut TEXT NOT NULL,
                  guichet_origine TEXT NOT NULL, updated_seq INTEGER NOT NULL, body TEXT NOT NULL,
                  field_origins TEXT NOT NULL DEFAULT '{}');
                CREATE TABLE demande_scope (
                  demande_id TEXT NOT NULL REFERENCES demande(id), guichet_code TEXT NOT NULL, since_seq INTEGER NOT NULL,
                  PRIMARY KEY (guichet_code, demande_id)) WITHOUT ROWID;
                CREATE TABLE numero_counter (territoire TEXT NOT NULL, mois TEXT NOT NULL, last INTEGER NOT NULL,
                  PRIMARY KEY (territoire, mois));
                CREATE TABLE change_log (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, visibility TEXT NOT NULL, device_id TEXT, guichet_code TEXT,
                  demande_id TEXT, for_all INTEGER NOT NULL DEFAULT 0, body BLOB NOT NULL);
                CREATE INDEX change_log_device ON change_log(device_id, seq) WHERE device_id IS NOT NULL;
                CREATE INDEX change_log_guichet ON change_log(guichet_code, seq) WHERE guichet_code IS NOT NULL;
                CREATE INDEX change_log_demande ON change_log(demande_id, seq);
                CREATE TABLE command_outcome (device_id TEXT NOT NULL, number INTEGER NOT NULL, body BLOB NOT NULL,
                  PRIMARY KEY (device_id, number)) WITHOUT ROWID;
                CREATE TABLE audit (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, device_id TEXT, guichet_code TEXT, agent TEXT,
                  hlc TEXT, command_number INTEGER, action TEXT NOT NULL, entity_id TEXT, outcome TEXT NOT NULL,
                  details TEXT);
                CREATE TABLE conflict (
                  id TEXT PRIMARY KEY, demande_id TEXT NOT NULL, created_at TEXT NOT NULL, resolved_at TEXT,
                  resolution TEXT, resolved_by TEXT, body TEXT NOT NULL);
                """)
        }
        m.registerMigration("v1-pieces-accueil") { db in
            try db.execute(sql: """
                CREATE TABLE blob (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL);
                CREATE TABLE piece (
                  id TEXT PRIMARY KEY, demande_id TEXT NOT NULL REFERENCES demande(id), sha256 TEXT NOT NULL,
                  type TEXT NOT NULL, guichet_code TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
                  recue_le TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX piece_sha ON piece(sha256);
                CREATE INDEX piece_demande ON piece(demande_id);
                CREATE TABLE accueil (
                  id TEXT PRIMARY KEY, guichet_code TEXT NOT NULL, type TEXT NOT NULL, le TEXT NOT NULL,
                  demande_id TEXT, device_id TEXT NOT NULL, received_at TEXT NOT NULL, seq INTEGER NOT NULL,
                  body TEXT NOT NULL);
                CREATE INDEX accueil_guichet_le ON accueil(guichet_code, le);
                """)
        }
        m.registerMigration("v2-offres") { db in
            try db.execute(sql: """
                CREATE TABLE offre (id TEXT PRIMARY KEY, bailleur TEXT NOT NULL, reference TEXT NOT NULL, statut TEXT NOT NULL,
                  body TEXT NOT NULL, UNIQUE (bailleur, reference));
                CREATE TABLE offre_event (id INTEGER PRIMARY KEY AUTOINCREMENT, offre_id TEXT NOT NULL REFERENCES offre(id), at TEXT NOT NULL,
                  par TEXT NOT NULL, type TEXT NOT NULL, details TEXT);
                CREATE INDEX change_log_demande_snapshots ON change_log(seq) WHERE visibility = 'demande';
                """)
        }
        m.registerMigration("v3-pilotage") { db in
            try db.execute(sql: """
                CREATE TABLE pilotage_fait (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, nature TEXT NOT NULL, guichet_code TEXT, jour TEXT NOT NULL, entite TEXT,
                  code TEXT, valeur INTEGER, detail TEXT, recu_le_ms INTEGER NOT NULL);
                CREATE TABLE staff (
                  login TEXT PRIMARY KEY, nom TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL,
                  disabled_at TEXT, last_login_at TEXT);
                """)
        }
        return m
    }
}

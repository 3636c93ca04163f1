import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

/// The device's own SQLite replica (WAL, `synchronous=FULL`): the server state it may see, the agent's pending
/// edits on top, the outbox of numbered commands, the pull cursor, pièce metadata, and the sync history.
/// Pièce bytes live beside it in `blobs/`, addressed by SHA-256.
public struct Replica: Sendable {
    let writer: any DatabaseWriter
    public let directory: URL

    /// Opens (creating and migrating) the replica in `directory`.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("blobs"), withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Durable the moment the agent is told "enregistré".
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: directory.appendingPathComponent("replica.sqlite").path, configuration: config)
        try Replica.migrator.migrate(pool)
        self.writer = pool
        self.directory = directory
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T { try await writer.write(body) }
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T { try await writer.read(body) }

    /// Append-only migrations.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-device") { db in
            try db.execute(sql: """
                CREATE TABLE device (
                  singleton INTEGER PRIMARY KEY CHECK (singleton = 1), server_url TEXT NOT NULL, device_id TEXT NOT NULL,
                  token TEXT NOT NULL, token_expires_at TEXT NOT NULL, guichet TEXT NOT NULL, cursor INTEGER NOT NULL DEFAULT 0,
                  next_number INTEGER NOT NULL DEFAULT 1, hlc TEXT NOT NULL, last_sync_at TEXT, last_sync_error TEXT,
                  last_checkpoint TEXT);
                """)
        }
        m.registerMigration("v1-records") { db in
            try db.execute(sql: """
                CREATE TABLE server_demande (id TEXT PRIMARY KEY, version INTEGER NOT NULL, numero_unique TEXT, body TEXT NOT NULL);
                CREATE TABLE local_demande (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE TABLE outbox (number INTEGER PRIMARY KEY, demande_id TEXT, piece_sha TEXT, type TEXT NOT NULL,
                  command TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
                CREATE TABLE rejected (number INTEGER PRIMARY KEY, type TEXT NOT NULL, demande_id TEXT, command TEXT NOT NULL,
                  rejection TEXT NOT NULL, at TEXT NOT NULL);
                CREATE TABLE conflict_notice (id TEXT PRIMARY KEY, demande_id TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL);
                CREATE TABLE piece (id TEXT PRIMARY KEY, demande_id TEXT, demande_ref TEXT NOT NULL, sha256 TEXT NOT NULL,
                  taille INTEGER NOT NULL, body TEXT NOT NULL, uploaded INTEGER NOT NULL DEFAULT 0, from_server INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX piece_demande ON piece(demande_id);
                CREATE TABLE accueil (id TEXT PRIMARY KEY, body TEXT NOT NULL, from_server INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE sync_history (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
                  pushed INTEGER NOT NULL DEFAULT 0, pulled INTEGER NOT NULL DEFAULT 0, bytes_up INTEGER NOT NULL DEFAULT 0,
                  outcome TEXT NOT NULL, error TEXT);
                """)
        }
        return m
    }
}

/// The enrolled identity of this device and its sync position.
public struct DeviceState: Sendable, Codable, Hashable {
    public var serverURL: String
    public var deviceId: String
    public var token: String
    public var tokenExpiresAt: Date
    public var guichet: Guichet
    public var cursor: Int64
    public var nextNumber: Int64
    public var hlc: HybridLogicalClock
    public var lastSyncAt: Date?
    public var lastSyncError: String?
}

extension Replica {
    /// Thrown when the replica has no enrolled device yet.
    public struct NotEnrolled: Error, CustomStringConvertible {
        public var description: String { "Cet appareil n'est pas enrôlé : lancez « guichet enroll --server URL --code CODE »." }
    }

    static func device(_ db: Database) throws -> DeviceState {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM device WHERE singleton = 1") else { throw NotEnrolled() }
        return DeviceState(serverURL: r["server_url"], deviceId: r["device_id"], token: r["token"],
                           tokenExpiresAt: ClientCoding.date(r["token_expires_at"]) ?? .distantPast,
                           guichet: try ClientCoding.decode(Guichet.self, r["guichet"]), cursor: r["cursor"], nextNumber: r["next_number"],
                           hlc: try ClientCoding.decode(HybridLogicalClock.self, r["hlc"]), lastSyncAt: ClientCoding.date(r["last_sync_at"]),
                           lastSyncError: r["last_sync_error"])
    }

    static func saveDevice(_ db: Database, _ d: DeviceState) throws {
        try db.execute(sql: """
            INSERT INTO device (singleton, server_url, device_id, token, token_expires_at, guichet, cursor, next_number, hlc, last_sync_at, last_sync_error)
            VALUES (1,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT(singleton) DO UPDATE SET server_url = excluded.server_url, device_id = excluded.device_id, token = excluded.token,
              token_expires_at = excluded.token_expires_at, guichet = excluded.guichet, cursor = excluded.cursor,
              next_number = excluded.next_number, hlc = excluded.hlc, last_sync_at = excluded.last_sync_at, last_sync_error = excluded.last_sync_error
            """, arguments: [d.serverURL, d.deviceId, d.token, ClientCoding.text(d.tokenExpiresAt), try ClientCoding.json(d.guichet), d.cursor,
                             d.nextNumber, try ClientCoding.json(d.hlc), d.lastSyncAt.map(ClientCoding.text), d.lastSyncError])
    }

    /// The enrolled device.
    public func device() async throws -> DeviceState { try await read { db in try Replica.device(db) } }
}

/// Dates and JSON columns of the replica.
enum ClientCoding {
    static func text(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
    static func json(_ value: some Encodable) throws -> String { String(decoding: try WireCoding.encoder.encode(value), as: UTF8.self) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try WireCoding.decoder.decode(T.self, from: Data(text.utf8)) }
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
}

import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

/// The embedded default store: one SQLite file (WAL) through GRDB, `synchronous=FULL` so a commit is on disk
/// before anything is acknowledged; concurrent writes share one commit (`GroupCommit`).
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter
    let group: GroupCommit
    public let location: String

    /// Opens (creating and migrating) the database at `path`.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try SQLiteStore.migrator.migrate(pool)
        self.writer = pool
        self.group = GroupCommit(writer: pool)
        self.location = "sqlite:\(path)"
    }

    /// An in-memory store for unit tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(queue: DatabaseQueue())
    }

    init(queue: DatabaseQueue) throws {
        try SQLiteStore.migrator.migrate(queue)
        self.writer = queue
        self.group = GroupCommit(writer: queue)
        self.location = "sqlite::memory:"
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        try await group.write { db in try body(SQLiteTransaction(db: db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        try await writer.read { db in try body(SQLiteTransaction(db: db)) }
    }
}

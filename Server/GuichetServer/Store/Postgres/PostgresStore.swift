import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The production store: PostgreSQL through PostgresNIO.
///
/// The business logic runs synchronously against `StoreTransaction`; here each transaction body runs on NIO's
/// blocking thread pool and waits on PostgresNIO futures, never on the cooperative pool. Every write transaction
/// first takes one transaction-scoped advisory lock: writers from every server process commit one after the
/// other, so the change sequence commits in order and a pull can never move its cursor past a change that
/// commits later (no skipped sequence gaps), numéro counters and device numbers stay exact, and pushes stay
/// idempotent.
public final class PostgresStore: Store, @unchecked Sendable {
    public let location: String
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    let pool = NIOLockedValueBox<[PostgresConnection]>([])
    /// Writers queue on the advisory lock; they get their own slots so they can never starve readers (pulls).
    let writeSlots: DispatchSemaphore
    let readSlots: DispatchSemaphore
    /// Blocking threads for transaction bodies: one per slot, not the shared pool (2 threads on 2 cores).
    let threads: NIOThreadPool
    let nextID = ManagedAtomicCounter()

    /// The advisory lock key every write transaction takes (arbitrary, fixed: "GUICHET1").
    static let writeLockKey: Int64 = 0x4755_4943_4845_5431

    /// Connects to `url` (`postgres://user:password@host:port/database`) and applies pending migrations.
    public init(url: String, maximumConnections: Int = 8, logger: Logger = Logger(label: "guichet.postgres")) async throws {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw AdminError(code: "config", message: "Adresse PostgreSQL invalide : postgres://utilisateur:motdepasse@hôte:port/base attendu.")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var config = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                      password: components.password, database: database.isEmpty ? user : database, tls: .disable)
        config.options.connectTimeout = .seconds(10)
        self.configuration = config
        self.logger = logger
        self.location = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database)"
        let writers = max(2, maximumConnections / 2)
        let readers = max(2, maximumConnections - writers)
        self.writeSlots = DispatchSemaphore(value: writers)
        self.readSlots = DispatchSemaphore(value: readers)
        self.threads = NIOThreadPool(numberOfThreads: writers + readers)
        threads.start()
        try await run(readOnly: false) { connection in try PostgresMigrations.migrate(connection, logger: logger) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        try await transaction(readOnly: false, body)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        try await transaction(readOnly: true, body)
    }

    func transaction<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        let logger = self.logger
        return try await run(readOnly: readOnly) { connection in
            let tx = PostgresTransaction(connection: connection, logger: logger)
            // A read sees one consistent snapshot (the pull's max sequence and its changes agree).
            try tx.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED")
            do {
                if !readOnly { try tx.execute("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))") }
                let result = try body(tx)
                try tx.execute("COMMIT")
                return result
            } catch {
                try? tx.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` with a pooled connection on the blocking thread pool.
    func run<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let slots = readOnly ? readSlots : writeSlots
        // Wait for a slot before taking a thread, so a blocked thread always has a connection to work with.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                slots.wait()
                continuation.resume()
            }
        }
        defer { slots.signal() }
        return try await threads.runIfActive { [self] in
            let connection = try checkout()
            do {
                let result = try body(connection)
                checkin(connection)
                return result
            } catch {
                // A broken connection is dropped; a healthy one goes back to the pool.
                if connection.isClosed { try? connection.close().wait() } else { checkin(connection) }
                throw error
            }
        }
    }

    func checkout() throws -> PostgresConnection {
        if let c = pool.withLockedValue({ $0.popLast() }), !c.isClosed { return c }
        return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                              id: nextID.next(), logger: logger).wait()
    }

    func checkin(_ connection: PostgresConnection) {
        pool.withLockedValue { $0.append(connection) }
    }

    /// Closes the pooled connections.
    public func close() {
        let connections = pool.withLockedValue { p -> [PostgresConnection] in defer { p = [] }; return p }
        for c in connections { try? c.close().wait() }
        try? threads.syncShutdownGracefully()
    }

    deinit { close() }
}

/// A thread-safe counter for connection ids.
final class ManagedAtomicCounter: Sendable {
    private let value = NIOLockedValueBox(0)
    func next() -> Int { value.withLockedValue { $0 += 1; return $0 } }
}

import Foundation
import GRDB
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A server on a temporary folder that tests start and stop (`.live` on a free loopback port).
struct ServerFixture {
    let directory: URL
    let store: SQLiteStore
    let sync: SyncService
    let configuration: ServerConfiguration

    static func make() throws -> ServerFixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("server.sqlite").path)
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: dir.appendingPathComponent("data"),
                                                sync: SyncConfiguration(departement: "38"), logLevel: .critical)
        return ServerFixture(directory: dir, store: store, sync: SyncService(store: store, configuration: configuration.sync), configuration: configuration)
    }

    /// Runs `body` while the server listens; the server stops when it returns (the desks go back offline).
    func online<T: Sendable>(_ body: @Sendable @escaping (String) async throws -> T) async throws -> T {
        let app = try await buildApplication(configuration: configuration, store: store)
        return try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }

    func enrollmentCode(_ code: String, niveau: Niveau, type: TypeGuichet = .communal, commune: String = "38185") async throws -> String {
        try await sync.addGuichet(Guichet(code: code, nom: "Guichet \(code)", communeInsee: commune, niveau: niveau, type: type))
    }

    /// The oracle: what the server holds for a guichet's scope (id → (version, demande)).
    func scope(_ guichet: String?) async throws -> [UUID: (Int64, Demande)] {
        try await store.read { tx in
            var out: [UUID: (Int64, Demande)] = [:]
            for (id, _) in try tx.scopeVersions(guichetCode: guichet) {
                if let row = try tx.demande(id: id) { out[id] = (row.version, row.demande) }
            }
            return out
        }
    }
}

/// A desk: a replica in a temporary folder and its client.
struct Desk {
    let client: GuichetClient
    var replica: Replica { client.replica }

    static func make(_ name: String) throws -> Desk {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-desk-\(name)-\(UUID().uuidString)")
        return Desk(client: GuichetClient(replica: try Replica(directory: dir), agent: "agent-\(name)"))
    }

    func enroll(_ url: String, code: String) async throws {
        _ = try await client.enroll(serverURL: url, code: code, deviceName: "poste")
    }

    func engine(_ url: String, transport: (any Transport)? = nil) -> SyncEngine {
        var e = SyncEngine(replica: replica, transport: transport ?? HTTPTransport(baseURL: url), sleep: { _ in })
        e.retry = RetryPolicy(initialDelay: .milliseconds(1), maximumDelay: .milliseconds(2), maximumAttempts: 1)
        return e
    }

    /// The replica's copy of the server state (id → (version, demande)).
    func serverState() async throws -> [UUID: (Int64, Demande)] {
        try await replica.read { db in
            var out: [UUID: (Int64, Demande)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, version, body FROM server_demande") {
                out[UUID(uuidString: row["id"])!] = (row["version"], try ClientCoding.decode(Demande.self, row["body"]))
            }
            return out
        }
    }

    func outboxCount() async throws -> Int {
        try await replica.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Syncs until the outbox is empty, then once more to pull up to the server's sequence. Records an issue when
    /// pending work makes no progress for `limite` — a stuck queue, the bug fault tests are there to find.
    @discardableResult
    func syncUntilDrained(_ engine: SyncEngine, _ label: String, limite: Duration = .seconds(10)) async throws -> SyncReport {
        var pending = try await outboxCount()
        var lastProgress = ContinuousClock.now
        while pending > 0 {
            _ = try? await engine.sync()
            let now = try await outboxCount()
            if now < pending { lastProgress = .now }
            pending = now
            if pending > 0 && ContinuousClock.now - lastProgress > limite {
                Issue.record("\(label) : \(pending) commande(s) en attente sans progrès depuis \(limite)")
                break
            }
        }
        return try await engine.sync()
    }
}

/// A complete, valid demande.
func demandeExemple(nom: String) -> Demande {
    var d = DemandeTemplate.exemple(au: Jour(Date(), timeZone: .paris))
    d.id = UUID.v7()
    d.demandeur.nomNaissance = nom
    return d
}

/// Wraps a transport to inject faults: fail a chosen request before or after it reached the server.
final class FaultyTransport: Transport, @unchecked Sendable {
    enum When { case before, afterServerAnswered }
    let inner: any Transport
    let lock = NSLock()
    var rule: (TransportRequest, Int) -> When?
    var counts: [String: Int] = [:]
    var rewritePath: ((String) -> String)?

    init(_ inner: any Transport, rule: @escaping (TransportRequest, Int) -> When?) {
        self.inner = inner
        self.rule = rule
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var request = request
        if let rewrite = lock.withLock({ rewritePath }) { request.path = rewrite(request.path) }
        let key = request.method + " " + (request.path.split(separator: "?").first.map(String.init) ?? request.path)
        let (n, fault) = lock.withLock { () -> (Int, When?) in
            counts[key, default: 0] += 1
            return (counts[key]!, rule(request, counts[key]!))
        }
        _ = n
        if fault == .before { throw APIError.transport("coupure simulée") }
        let response = try await inner.send(request)
        if fault == .afterServerAnswered { throw APIError.transport("réponse perdue (simulée)") }
        return response
    }
}

import Foundation
import GRDB
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server process and the desks' `guichet sync` processes killed with SIGKILL at seeded random points while
/// four desks keep recording demandes and accueils offline and syncing. Then everything restarts and syncs to the
/// end. Nothing acknowledged is lost, nothing is applied twice, numéros uniques stay distinct, every replica equals
/// the server's state for its scope, and no desk's queue gets stuck.
///
/// The seed is printed; `GUICHET_FAULT_SEED=<seed>` replays the same kill schedule (timings still depend on the
/// machine, the schedule does not).
@Suite(.serialized) struct KillTests {
    static func graine() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["GUICHET_FAULT_SEED"], let g = UInt64(s) { return g }
        return UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
    }

    /// A `guichet-server` child process on a fixed port and data folder, killed and restarted at will.
    final class ServerProcess: @unchecked Sendable {
        let binary: URL
        let data: URL
        let port: Int
        private let lock = NSLock()
        private var process: Process?
        private(set) var kills = 0

        init(binary: URL, data: URL, port: Int) {
            self.binary = binary
            self.data = data
            self.port = port
        }

        var base: String { "http://127.0.0.1:\(port)" }

        func start() async throws {
            let p = Process()
            p.executableURL = binary
            p.arguments = ["serve", "--data", data.path, "--port", String(port), "--log-level", "error"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            lock.withLock { process = p }
            try await TwoServerProcessesTests.waitUntilHealthy(base)
        }

        func kill() {
            guard let p = lock.withLock({ process }), p.isRunning else { return }
            Glibc.kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            lock.withLock { kills += 1 }
        }

        func stop() {
            guard let p = lock.withLock({ process }), p.isRunning else { return }
            p.terminate()
            p.waitUntilExit()
        }
    }

    /// The `guichet sync` processes running now, so the killer can pick one.
    final class Clients: @unchecked Sendable {
        private let lock = NSLock()
        private var running: [Int: Process] = [:]
        private(set) var kills = 0
        func add(_ i: Int, _ p: Process) { lock.withLock { running[i] = p } }
        func remove(_ i: Int) { lock.withLock { running[i] = nil } }
        func killOne(_ pick: Int) -> Bool {
            lock.withLock {
                let keys = running.keys.sorted()
                guard !keys.isEmpty, let p = running[keys[pick % keys.count]], p.isRunning else { return false }
                Glibc.kill(p.processIdentifier, SIGKILL)
                kills += 1
                return true
            }
        }
    }

    static func clientBinary() throws -> URL {
        let server = try TwoServerProcessesTests.serverBinary()
        return server.deletingLastPathComponent().appendingPathComponent("guichet")
    }

    /// Runs `guichet sync` on a desk's folder; returns its exit status (9 when killed).
    static func syncProcess(_ binary: URL, desk: URL, index: Int, clients: Clients) async throws -> Int32 {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["sync", "--data", desk.path, "--json"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            p.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try p.run()
                clients.add(index, p)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    @Test func serverAndClientsKilledAtRandomPointsLoseNothing() async throws {
        let seed = Self.graine()
        print("KillTests: graine \(seed) — GUICHET_FAULT_SEED=\(seed) pour rejouer")
        var rng = SplitMix64(graine: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-kill-\(UUID().uuidString)")
        let data = root.appendingPathComponent("server")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // The test reads and administers the same SQLite file the server process writes (WAL allows both).
        let store = try SQLiteStore(path: data.appendingPathComponent("guichet.sqlite").path)
        let admin = SyncService(store: store)
        let server = ServerProcess(binary: try TwoServerProcessesTests.serverBinary(), data: data, port: try TwoServerProcessesTests.freePort())
        let clientBinary = try Self.clientBinary()
        defer { server.stop() }
        try await server.start()

        let deskCount = 4
        var desks: [(Desk, URL)] = []
        for i in 0..<deskCount {
            let code = try await admin.addGuichet(Guichet(code: String(format: "K%04d", i), nom: "Guichet \(i)", communeInsee: "38185", niveau: .deux, type: .communal))
            let dir = root.appendingPathComponent("desk\(i)")
            let desk = Desk(client: GuichetClient(replica: try Replica(directory: dir), agent: "agent\(i)"))
            try await desk.enroll(server.base, code: code)
            desks.append((desk, dir))
        }

        // The kill schedule, fixed by the seed: 24 points, each a pause then the server or a client sync.
        let schedule = (0..<24).map { _ in (pause: Int.random(in: 80...450, using: &rng), server: Int.random(in: 0..<3, using: &rng) != 0,
                                            pick: Int.random(in: 0..<deskCount, using: &rng)) }
        let clients = Clients()
        let stop = Flag()
        let created = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, (desk, dir)) in desks.enumerated() {
                group.addTask {
                    var n = 0
                    while !stop.value {
                        // An agent keeps working offline whatever the network does.
                        _ = try await desk.client.createDemande(demandeExemple(nom: "K\(i)-\(n)"))
                        _ = try await desk.client.recordAccueil(type: n % 2 == 0 ? .visite : .appel)
                        created.add(demandes: 1, accueils: 1)
                        n += 1
                        _ = try await Self.syncProcess(clientBinary, desk: dir, index: i, clients: clients)
                        clients.remove(i)
                    }
                }
            }
            group.addTask {
                defer { stop.set() }
                for point in schedule {
                    try await Task.sleep(for: .milliseconds(point.pause))
                    if point.server || !clients.killOne(point.pick) {
                        server.kill()
                        try await Task.sleep(for: .milliseconds(point.pause / 4))
                        try await server.start()
                    }
                }
            }
            try await group.waitForAll()
        }
        print("KillTests: \(server.kills) arrêts brutaux du serveur, \(clients.kills) du client ; \(created.demandes) demandes, \(created.accueils) accueils saisis")
        #expect(server.kills + clients.kills >= 20)

        // Quiescence: every desk syncs until its queue is empty; a desk with pending work must progress within 10 s.
        for (i, (desk, _)) in desks.enumerated() {
            var engine = desk.engine(server.base)
            engine.retry = RetryPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(500), maximumAttempts: 20)
            try await desk.syncUntilDrained(engine, "desk \(i) (graine \(seed))")
        }

        // Nothing lost, nothing twice: the server holds exactly what the desks created.
        let (demandes, numeros, accueils) = try await store.read { tx in
            let ids = try tx.scopeVersions(guichetCode: nil).map(\.0)
            let numeros = try ids.compactMap { try tx.demande(id: $0)?.demande.numeroUnique?.valeur }
            // Each accueil applied once leaves exactly one fact (written in the same transaction).
            let accueils = try tx.faits(after: 0, limit: 1_000_000).filter { $0.1.nature == .accueil && $0.1.guichet?.hasPrefix("K") == true }.count
            return (ids.count, numeros, accueils)
        }
        #expect(demandes == created.demandes, "graine \(seed)")
        #expect(accueils == created.accueils, "graine \(seed): an accueil was lost or applied twice")
        #expect(numeros.count == demandes && Set(numeros).count == numeros.count, "numéros uniques distincts (graine \(seed))")
        for (i, (desk, _)) in desks.enumerated() {
            #expect(try await desk.outboxCount() == 0)
            let rejected = try await desk.replica.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected") ?? 0 }
            #expect(rejected == 0, "desk \(i): refused commands after kills (graine \(seed))")
            // The oracle: the replica's copy equals the server's state for the desk's scope.
            let local = try await desk.serverState()
            let remote: [UUID: Int64] = try await store.read { tx in
                Dictionary(uniqueKeysWithValues: try tx.scopeVersions(guichetCode: String(format: "K%04d", i)))
            }
            #expect(local.mapValues(\.0) == remote, "desk \(i) diverges from the server (graine \(seed))")
        }
        try? FileManager.default.removeItem(at: root)
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var v = false
    var value: Bool { lock.withLock { v } }
    func set() { lock.withLock { v = true } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var d = 0, a = 0, p = 0
    var demandes: Int { lock.withLock { d } }
    var accueils: Int { lock.withLock { a } }
    var pieces: Int { lock.withLock { p } }
    func add(demandes: Int, accueils: Int, pieces: Int = 0) { lock.withLock { d += demandes; a += accueils; p += pieces } }
}

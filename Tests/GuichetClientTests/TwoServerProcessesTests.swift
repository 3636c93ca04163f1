import Foundation
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import GuichetTestSupport
import NIOCore
import NIOPosix
import Testing

/// Two `guichet-server` processes on one PostgreSQL database, six desks pushing concurrently through both, and a
/// métropole device pulling page by page the whole time: numéros uniques stay distinct, and the incremental pulls
/// see every change exactly once — no sequence gap skipped, no duplicate.
@Suite struct TwoServerProcessesTests {
    @Test func distinctNumerosAndSkipFreePulls() async throws {
        let url = try await TestPostgres.freshDatabase()
        let binary = try Self.serverBinary()
        let store = try await PostgresStore(url: url)
        let admin = SyncService(store: store)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("two-servers-\(UUID().uuidString)")

        var servers: [(Process, String)] = []
        defer { for (p, _) in servers where p.isRunning { p.terminate(); p.waitUntilExit() } }
        for i in 0..<2 {
            let port = try Self.freePort()
            let p = Process()
            p.executableURL = binary
            p.arguments = ["serve", "--db", url, "--data", data.appendingPathComponent("s\(i)").path, "--port", String(port), "--log-level", "error"]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            servers.append((p, "http://127.0.0.1:\(port)"))
        }
        for (_, base) in servers { try await Self.waitUntilHealthy(base) }

        // Six desks, alternately enrolled through each server; each registers demandes offline.
        var desks: [(Desk, String)] = []
        for i in 0..<6 {
            let base = servers[i % 2].1
            let code = try await admin.addGuichet(Guichet(code: "G\(String(format: "%04d", i))", nom: "Guichet \(i)", communeInsee: "38185", niveau: .deux, type: .communal))
            let desk = try Desk.make("d\(i)")
            try await desk.enroll(base, code: code)
            for j in 0..<25 { _ = try await desk.client.createDemande(demandeExemple(nom: "D\(i)-\(j)")) }
            desks.append((desk, base))
        }
        let observer = try Desk.make("obs")
        try await observer.enroll(servers[1].1, code: try await admin.addGuichet(Guichet(code: "GAM01", nom: "Métropole", communeInsee: "38185", niveau: .trois, type: .metropole)))
        let observerToken = try await observer.replica.device().token
        let api = ServerAPI(transport: HTTPTransport(baseURL: servers[1].1), token: observerToken)

        // All desks sync at once, one command per transaction, while the observer pulls small pages without pause.
        let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (desk, base) in desks {
                group.addTask {
                    var engine = desk.engine(base)
                    engine.batchSize = 1
                    _ = try await engine.sync()
                    return []
                }
            }
            group.addTask {
                var cursor: Int64 = 0
                var seqs: [Int64] = []
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    let page = try await api.json(PullPage.self, "GET", "/pull?cursor=\(cursor)&limit=3")
                    seqs += page.changes.map(\.seq)
                    cursor = page.nextCursor
                    let demandes = try await store.read { tx in try tx.scopeVersions(guichetCode: nil).count }
                    if !page.hasMore && demandes == 150 && seqs.count > 0 {
                        // One more pass after the writers are done, to collect the tail.
                        let tail = try await api.json(PullPage.self, "GET", "/pull?cursor=\(cursor)&limit=500")
                        return seqs + tail.changes.map(\.seq)
                    }
                }
                Issue.record("the observer did not see the writers finish")
                return seqs
            }
            var all: [Int64] = []
            for try await part in group { all += part }
            return all
        }

        // Numéros uniques: 90 demandes, 90 distinct numbers.
        let numbers = try await store.read { tx in
            try tx.scopeVersions(guichetCode: nil).compactMap { try tx.demande(id: $0.0)?.demande.numeroUnique?.valeur }
        }
        #expect(numbers.count == 150)
        #expect(Set(numbers).count == 150)
        // Skip-free and duplicate-free: the incremental pulls saw exactly what a full pull from zero sees.
        var full: [Int64] = []
        var cursor: Int64 = 0
        while true {
            let page = try await api.json(PullPage.self, "GET", "/pull?cursor=\(cursor)&limit=500")
            full += page.changes.map(\.seq)
            cursor = page.nextCursor
            if !page.hasMore { break }
        }
        #expect(seen.count == Set(seen).count, "a change was delivered twice")
        #expect(Set(seen) == Set(full), "missed by incremental pulls: \(Set(full).subtracting(seen).sorted().prefix(10))")
        #expect(full == full.sorted())
        for (desk, _) in desks { #expect(try await desk.outboxCount() == 0) }
        store.close()
    }

    /// The built `guichet-server` next to the test bundle (`swift build` puts both in the same folder).
    static func serverBinary() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for candidate in [".build/debug/guichet-server", ".build/release/guichet-server"] {
            let url = root.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw MissingBinary()
    }

    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "guichet-server introuvable dans .build/debug : lancez « swift build » avant les tests." }
    }

    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        let port = channel.localAddress!.port!
        try channel.close().wait()
        return port
    }

    static func waitUntilHealthy(_ base: String) async throws {
        let transport = HTTPTransport(baseURL: base, timeout: .seconds(2))
        for _ in 0..<200 {
            if let r = try? await transport.send(TransportRequest(method: "GET", path: "/healthz")), r.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("server \(base) did not start")
    }
}

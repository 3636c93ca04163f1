import Foundation
import GRDB
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import GuichetTestSupport
import NIOCore
import Testing

/// Three desks sync through a fault-injecting TCP proxy (`FaultProxy`) while it cycles, on a seeded schedule,
/// through added delay, dropped and reset connections, cuts after N bytes (pièce uploads included), a one-way
/// partition and a black hole. When the faults stop, every desk with pending work must make progress within
/// 10 s — the stuck upload queue is what Jepsen-style tests of sync engines find most — and then every replica
/// equals the server's state for its scope, with nothing lost and nothing applied twice.
@Suite struct NetworkFaultTests {
    @Test func desksMakeProgressThroughNetworkFaults() async throws {
        let seed = KillTests.graine()
        print("NetworkFaultTests: graine \(seed) — GUICHET_FAULT_SEED=\(seed) pour rejouer")
        var rng = SplitMix64(graine: seed)
        let server = try ServerFixture.make()
        let names = ["NF001", "NF002", "NF003"]
        var codesEnrolement: [String] = []
        for n in names { codesEnrolement.append(try await server.enrollmentCode(n, niveau: .deux)) }
        let codes = codesEnrolement
        let desks = try names.map { try Desk.make($0) }
        let scans = FileManager.default.temporaryDirectory.appendingPathComponent("nf-scans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        // The fault schedule, fixed by the seed.
        let modes: [FaultProxy.Mode] = [.delay(.milliseconds(40)), .drop, .reset, .oneWayPartition, .blackhole, .pass]
        let schedule = (0..<14).map { _ in
            (mode: Int.random(in: 0..<6, using: &rng) == 0 ? FaultProxy.Mode.cutAfter(bytes: Int.random(in: 200...60_000, using: &rng))
                : modes.randomElement(using: &rng)!,
             millis: Int.random(in: 200...700, using: &rng))
        }
        let created = Counter()
        try await server.online { url in
            let port = Int(url.split(separator: ":").last!)!
            let proxy = FaultProxy(upstreamPort: port)
            try await proxy.start()
            let viaProxy = "http://127.0.0.1:\(proxy.port)"
            for (desk, code) in zip(desks, codes) { try await desk.enroll(url, code: code) }

            let stop = Flag()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, desk) in desks.enumerated() {
                    group.addTask {
                        var engine = SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: viaProxy, timeout: .seconds(3)), sleep: { _ in })
                        engine.retry = RetryPolicy(initialDelay: .milliseconds(10), maximumDelay: .milliseconds(50), maximumAttempts: 2)
                        engine.batchSize = 5
                        var n = 0
                        while !stop.value {
                            let d = try await desk.client.createDemande(demandeExemple(nom: "NF\(i)-\(n)"))
                            _ = try await desk.client.recordAccueil(type: .visite)
                            if n % 3 == 0 {
                                // A pièce of 200–400 KB: uploads get cut in the middle.
                                let file = scans.appendingPathComponent("scan-\(i)-\(n).pdf")
                                try Data((0..<(200_000 + 50_000 * (n % 5))).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n &+ i) }).write(to: file)
                                _ = try await desk.client.addPiece(demande: DemandeRef(id: d.id), file: file, type: .pieceIdentite)
                                created.add(demandes: 0, accueils: 0, pieces: 1)
                            }
                            created.add(demandes: 1, accueils: 1)
                            n += 1
                            _ = try? await engine.sync()
                        }
                    }
                }
                group.addTask {
                    defer { stop.set() }
                    for phase in schedule {
                        proxy.mode = phase.mode
                        try await Task.sleep(for: .milliseconds(phase.millis))
                    }
                    proxy.mode = .pass
                }
                try await group.waitForAll()
            }
            print("NetworkFaultTests: \(proxy.connectionsAccepted) connexions, \(created.demandes) demandes, \(created.pieces) pièces ; \(schedule.map(\.mode.description).joined(separator: ", "))")

            // Faults over: each desk with pending work must progress within 10 s, until its queue is empty.
            for (i, desk) in desks.enumerated() {
                var engine = SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: viaProxy, timeout: .seconds(3)), sleep: { _ in })
                engine.retry = RetryPolicy(initialDelay: .milliseconds(10), maximumDelay: .milliseconds(100), maximumAttempts: 3)
                let final = try await desk.syncUntilDrained(engine, "desk \(i) après la fin des pannes (graine \(seed))")
                #expect(final.checkpointVerified, "desk \(i) (graine \(seed))")
            }
            try await proxy.stop()
        }

        // Nothing lost, nothing twice, every replica equals its scope on the server.
        let totals = try await server.store.read { tx in
            (try tx.scopeVersions(guichetCode: nil).count,
             try tx.faits(after: 0, limit: 1_000_000).filter { $0.1.nature == .accueil }.count,
             try tx.faits(after: 0, limit: 1_000_000).filter { $0.1.nature == .piece }.count)
        }
        #expect(totals.0 == created.demandes, "graine \(seed)")
        #expect(totals.1 == created.accueils, "graine \(seed)")
        #expect(totals.2 == created.pieces, "graine \(seed)")
        for (i, desk) in desks.enumerated() {
            let rejected = try await desk.replica.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected") ?? 0 }
            #expect(rejected == 0, "desk \(i) (graine \(seed))")
            let local = try await desk.serverState().mapValues(\.0)
            let remote = try await server.scope(names[i]).mapValues(\.0)
            #expect(local == remote, "desk \(i) diverges from the server (graine \(seed))")
        }
    }
}

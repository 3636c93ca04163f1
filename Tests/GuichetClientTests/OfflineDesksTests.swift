import Crypto
import Foundation
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Testing

@Suite struct OfflineDesksTests {
    /// Three desks work while the server is down — one of them a niveau-1 point receiving a pièce for a demande
    /// registered elsewhere, known only by its numéro unique — then all sync: every replica equals the server's
    /// content for its scope, numéros uniques are distinct, nothing is lost or duplicated.
    @Test func threeDesksOfflineThenSync() async throws {
        let server = try ServerFixture.make()
        let gre = try Desk.make("gre"), phs = try Desk.make("phs"), sar = try Desk.make("sar")
        let codes = (try await server.enrollmentCode("GRE01", niveau: .deux), try await server.enrollmentCode("PHS01", niveau: .trois),
                     try await server.enrollmentCode("SAR01", niveau: .un, commune: "38472"))
        // Online once: enrollment, and one demande registered at GRE01 whose numéro unique the demandeur carries.
        let known = demandeExemple(nom: "Connue")
        let nur: NumeroUnique = try await server.online { url in
            try await gre.enroll(url, code: codes.0)
            try await phs.enroll(url, code: codes.1)
            try await sar.enroll(url, code: codes.2)
            _ = try await gre.client.createDemande(known)
            _ = try await gre.engine(url).sync()
            return try #require(try await gre.client.find(known.id.uuidString).demande.numeroUnique)
        }

        // Server down: the desks keep working.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func scan(_ name: String, _ size: Int) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ name.count) }).write(to: url)
            return url
        }
        var created: [UUID] = []
        for i in 0..<3 { created.append(try await gre.client.createDemande(demandeExemple(nom: "Gre\(i)")).id) }
        for i in 0..<2 { created.append(try await phs.client.createDemande(demandeExemple(nom: "Phs\(i)")).id) }
        _ = try await gre.client.addPiece(demande: DemandeRef(id: created[0]), file: try scan("id-gre.pdf", 1_500_000), type: .pieceIdentite)
        _ = try await phs.client.addPiece(demande: DemandeRef(id: created[3]), file: try scan("avis-phs.pdf", 40_000), type: .avisImpositionN2)
        _ = try await sar.client.addPiece(demande: DemandeRef(numeroUnique: nur), file: try scan("avis-sar.pdf", 300_000), type: .avisImpositionN2)
        _ = try await sar.client.recordAccueil(type: .visite, demande: DemandeRef(numeroUnique: nur), orientationNiveau3: true)
        _ = try await gre.client.recordAccueil(type: .appel)
        _ = try await phs.client.recordAccueil(type: .rendezVous, demande: DemandeRef(id: created[3]), niveauService: .trois)
        // Offline, the desks already show their own work, without numéro unique.
        #expect(try await gre.client.demandes().count == 4)
        #expect(try await gre.client.find(created[1].uuidString).demande.numeroUnique == nil)

        try await server.online { url in
            for desk in [gre, phs, sar] {
                let report = try await desk.engine(url).sync()
                #expect(report.stuck == nil)
                #expect(report.rejected == 0)
            }
            // A second round brings each desk what the others did in its scope.
            for desk in [gre, phs, sar] {
                let report = try await desk.engine(url).sync()
                #expect(report.checkpointVerified)
            }
        }

        // Nothing lost, nothing duplicated.
        for desk in [gre, phs, sar] { #expect(try await desk.outboxCount() == 0) }
        let all = try await server.scope(nil)
        #expect(all.count == 6)
        let numbers = all.values.compactMap(\.1.numeroUnique)
        #expect(numbers.count == 6)
        #expect(Set(numbers).count == 6)
        let pieces = try await server.store.read { tx in try tx.auditEntries(limit: 100).filter { $0.action == "attachPiece" }.count }
        #expect(pieces == 3)

        // The oracle: each replica equals the server's content for its scope.
        for (desk, code) in [(gre, "GRE01"), (phs, "PHS01"), (sar, "SAR01")] {
            let expected = try await server.scope(code)
            let actual = try await desk.serverState()
            #expect(Set(actual.keys) == Set(expected.keys), "scope of \(code)")
            for (id, (version, demande)) in expected {
                #expect(actual[id]?.0 == version)
                #expect(actual[id]?.1 == demande)
            }
        }
        // The niveau-1 point now sees the demande it received a pièce for, with its pièces.
        #expect(try await sar.serverState().keys.contains(known.id))
        #expect(try await sar.client.pieces(demande: known.id).count == 1)
        // After the first sync a demande shows its numéro unique on the desk that created it.
        #expect(try await gre.client.find(created[1].uuidString).demande.numeroUnique != nil)
    }
}

import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import GuichetTestSupport
import Testing

@Suite struct PullTests {
    @Test(arguments: StoreKind.allCases) func pagesScopesAndCheckpoint(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01")
        let ech = try await h.device("ECH01")
        let staff = try await h.device("GAM01", niveau: .trois, type: .metropole)
        try await h.app().test(.router) { client in
            for i in 0..<7 {
                let device = i % 2 == 0 ? gre : ech
                _ = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(nom: "N\(i)"), depot: Jour(2026, 3, 14)!)))])
            }
            _ = try await client.push(gre, [gre.command(.recordAccueil(RecordAccueil(accueil: gre.accueil())))])

            // Small pages: the cursor advances and the union is the whole stream, ordered, without repeats.
            let paged = try await client.pullAll(gre, limit: 2)
            let whole = try await client.pullAll(gre, limit: 500)
            #expect(paged.changes == whole.changes)
            #expect(paged.changes.map(\.seq) == paged.changes.map(\.seq).sorted())
            let greDemandes = Set(paged.changes.compactMap { if case .demande(let s) = $0.body { s.demande.id } else { nil } })
            #expect(greDemandes.count == 4)
            // Another guichet's outcomes and accueil are not in this stream.
            #expect(!paged.changes.contains { if case .outcome(let o) = $0.body { o.number > 5 } else { false } })

            // The checkpoint adds up to what the device holds.
            var digest = ScopeDigest()
            var latest: [UUID: Int64] = [:]
            for c in paged.changes { if case .demande(let s) = c.body { latest[s.demande.id] = s.version } }
            for (id, v) in latest { digest.add(id: id, version: v) }
            let checkpoint = try #require(paged.last.checkpoint)
            #expect(checkpoint.count == 4)
            #expect(checkpoint.digest == digest.hex)

            // Métropole staff see every demande and every accueil.
            let all = try await client.pullAll(staff)
            #expect(all.last.checkpoint?.count == 7)
            #expect(all.changes.contains { if case .accueil = $0.body { true } else { false } })

            // A cursor from the future gets a typed answer and the reconcile list.
            let ahead = try await client.call(.get, "/v1/pull?cursor=999999", device: gre)
            #expect(ahead.status == .conflict)
            #expect(ahead.problem?.code == "cursorAhead")
            #expect(ahead.problem?.serverSeq == whole.last.nextCursor)
            let reconcile = try await client.call(.get, "/v1/reconcile", device: gre).decode(ReconcileResponse.self)
            #expect(Set(reconcile.demandes.map(\.id)) == greDemandes)
            #expect(try await client.call(.get, "/v1/pull?cursor=-1", device: gre).problem?.code == "malformedRequest")
            #expect(try await client.call(.get, "/v1/pull?limit=abc", device: gre).problem?.code == "malformedRequest")
        }
    }

    @Test(arguments: StoreKind.allCases) func fetchByNumeroUniqueJoinsTheScopeAndIsAudited(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01")
        let vif = try await h.device("VIF01", niveau: .un, commune: "38545")
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            let reg = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let nur = try #require(try reg.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique)
            let before = try await client.pullAll(vif)
            #expect(before.last.checkpoint?.count == 0)
            let fetched = try await client.call(.get, "/v1/demandes/\(nur.valeur)", device: vif)
            #expect(fetched.status == .ok)
            #expect(try fetched.decode(DemandeSnapshot.self).demande.id == demande.id)
            let after = try await client.pullAll(vif, from: before.last.nextCursor)
            #expect(after.changes.contains { if case .demande(let s) = $0.body { s.demande.id == demande.id } else { false } })
            #expect(after.last.checkpoint?.count == 1)
            #expect(try await client.call(.get, "/v1/demandes/0380326999999GRE01", device: vif).status == .notFound)
            #expect(try await client.call(.get, "/v1/demandes/BAD", device: vif).problem?.code == "malformedRequest")
        }
        let audit = try await h.store.read { tx in try tx.auditEntries(limit: 20) }
        #expect(audit.contains { $0.action == "fetchDemande" && $0.guichetCode == "VIF01" })
    }
}

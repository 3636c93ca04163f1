import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import GuichetTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct DemoSeedTests {
    @Test(arguments: StoreKind.allCases) func seedLoadsAMetropoleAndRefusesToMixWithData(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let rapport = try await DemoSeed.seed(h.store, demandes: 120, offres: 15, graine: 7, force: false, now: h.clock.now())
        #expect(rapport.demandes == 120)
        #expect(rapport.offres == 15)
        #expect(rapport.guichets > 10)
        let numbers = try await h.store.read { tx in try tx.scopeVersions(guichetCode: nil).compactMap { try tx.demande(id: $0.0)?.demande.numeroUnique } }
        #expect(Set(numbers).count == numbers.count)
        // A live registration after the seed gets a number no seeded demande has.
        let desk = try await h.device("LIVE1")
        try await h.app().test(.router) { client in
            let r = try await client.push(desk, [desk.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 14)!)))])
            let nur = try #require(try r.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique)
            #expect(!numbers.contains { $0.territoire == nur.territoire && $0.mois == nur.mois && $0.annee2 == nur.annee2 && $0.sequence == nur.sequence })
        }
        await #expect(throws: AdminError.self) { try await DemoSeed.seed(h.store, demandes: 5, offres: 1, graine: 7, force: false) }
    }
}

import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct OffreTests {
    static var sample: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/offres-exemple.csv")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    @Test(arguments: StoreKind.allCases) func importIsIdempotentAndAllOrNothing(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let bailleur = try await h.device("ACTIS", niveau: .deux, type: .bailleur)
        let desk = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            let csv = ByteBuffer(string: Self.sample)
            let first = try await client.call(.post, "/v1/offres/import", device: bailleur, raw: csv).decode(OffreService.RapportImport.self)
            #expect(first.erreurs.isEmpty)
            #expect(first.publiees > 5)
            let again = try await client.call(.post, "/v1/offres/import", device: bailleur, raw: csv).decode(OffreService.RapportImport.self)
            #expect(again.publiees == 0 && again.modifiees == 0 && again.inchangees == first.publiees)
            // A bad line: nothing imported, every error reported; with partial=true the good lines go in.
            let bad = Self.sample + "ZZ-1;;99999;rue;T9;-3;abc;0;PLUS;0;oui;aucun;2026-12-01;etat\n"
            let refused = try await client.call(.post, "/v1/offres/import", device: bailleur, raw: ByteBuffer(string: bad))
            #expect(refused.status == .unprocessableContent)
            let report = try refused.decode(OffreService.RapportImport.self)
            #expect(report.rien)
            #expect(Set(report.erreurs.map(\.colonne)).isSuperset(of: ["commune_insee", "typologie", "surface", "loyer"]))
            // A communal desk may not publish or match.
            #expect(try await client.call(.get, "/v1/offres", device: desk).status == .forbidden)
            #expect(try await client.call(.post, "/v1/offres/import", device: desk, raw: csv).status == .forbidden)
        }
        let offres = try await h.store.read { tx in try tx.offres() }
        #expect(!offres.isEmpty)
        #expect(offres.allSatisfy { $0.bailleur == "ACTIS" })
    }

    @Test(arguments: StoreKind.allCases) func candidatesAreExplainedAndDesignationIsAudited(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let desk = try await h.device("GRE01")
        let staff = try await h.device("GAM01", niveau: .trois, type: .metropole)
        let bailleur = try await h.device("ACTIS", niveau: .deux, type: .bailleur)
        try await h.app().test(.router) { client in
            for i in 0..<4 {
                _ = try await client.push(desk, [desk.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(nom: "C\(i)"), depot: Jour(2026, 3, 10 + i)!)))])
            }
            _ = try await client.call(.post, "/v1/offres/import", device: bailleur, raw: ByteBuffer(string: Self.sample))
            let offres = try await client.call(.get, "/v1/offres", device: staff).decode([Offre].self)
            // A T2 in Grenoble at a rent the fixture households (RFR 19 800, max 550 €) can bear.
            let offre = try #require(offres.first { $0.typologie == .t2 && $0.communeInsee == "38185" && $0.financement != .pls })
            let candidats = try await client.call(.get, "/v1/offres/\(offre.id.uuidString)/candidats?limit=10", device: staff).decode([Candidat].self)
            for c in candidats {
                let toutPasse = c.filtres.allSatisfy { $0.passe }
                #expect(toutPasse)
                #expect(c.cotation.details.map(\.points).reduce(0, +) == c.score)
            }
            // Designation moves the offer on and is recorded; the same step twice is refused.
            struct Body: Encodable { var demandes: [UUID] }
            let ids = candidats.prefix(3).map(\.demandeId)
            if !ids.isEmpty {
                let designated = try await client.call(.post, "/v1/offres/\(offre.id.uuidString)/designations", device: staff, json: Body(demandes: ids))
                #expect(try designated.decode(Offre.self).statut == .candidatsDesignes)
                let events = try await h.store.read { tx in try tx.offreEvents(offreId: offre.id) }
                #expect(events.map(\.type).contains("designation"))
                #expect(events.first { $0.type == "designation" }?.details?.contains("grille") == true)
            }
            let nur = try await h.store.read { tx in try tx.scopeVersions(guichetCode: nil).compactMap { try tx.demande(id: $0.0)?.demande.numeroUnique?.valeur }.first }
            let info = try await client.call(.get, "/v1/demandes/\(try #require(nur))/cotation", device: staff)
            #expect(info.status == .ok)
            #expect(try await client.call(.get, "/v1/demandes/\(nur!)/cotation", device: desk).status == .forbidden)
            // Why not: a PLS offer far above the households' means names the failing filter.
            if let cher = offres.first(where: { $0.financement == .pls }) {
                let why = try await client.call(.get, "/v1/offres/\(cher.id.uuidString)/pourquoi-pas/\(nur!)", device: staff).decode([ResultatFiltre].self)
                #expect(!why.isEmpty)
                let expliques = why.allSatisfy { !$0.passe && !$0.valeurs.isEmpty }
                #expect(expliques)
            }
            let unknown = try await client.call(.get, "/v1/offres/\(UUID().uuidString)/candidats", device: staff)
            #expect(unknown.status == .notFound)
        }
    }
}

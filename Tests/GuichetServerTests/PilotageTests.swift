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

/// Pilotage end to end: commands pushed by real devices become facts in the same transaction, the figures count
/// each event on its Europe/Paris day at the guichet, a permanence syncing late changes the past month, and a
/// month stays provisional until every guichet that may hold events of it has synced.
@Suite struct PilotageTests {
    static func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    static func indicateurs(_ client: some TestClientProtocol, _ device: TestDevice, _ query: String) async throws -> Indicateurs {
        let r = try await client.call(.get, "/v1/indicateurs?\(query)", device: device)
        #expect(r.status == .ok, "\(String(buffer: r.body))")
        return try r.decode(Indicateurs.self)
    }

    @Test(arguments: StoreKind.allCases) func commandsBecomeExactFiguresAndLateSyncsChangeThePast(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        h.clock.set(Self.instant("2026-10-24T10:00:00Z"))
        let gre = try await h.device("GRE01", niveau: .trois)
        let ech = try await h.device("ECH01", niveau: .deux, commune: "38151")
        let perm = try await h.device("PERM1", niveau: .deux, type: .permanenceMobile)
        let met = try await h.device("MET01", niveau: .trois, type: .metropole)
        let d1 = Fixtures.demande(nom: "Martin"), d2 = Fixtures.demande(nom: "Durand")
        try await h.app().test(.router) { client in
            // 24 October: a registration (dépôt 20 October → 4 days) and three visits at Grenoble.
            var r = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: d1, depot: Jour(2026, 10, 20)!)))]
                + (0..<3).map { _ in gre.command(.recordAccueil(RecordAccueil(accueil: gre.accueil(.visite)))) })
            #expect(try r.decode(PushResponse.self).outcomes.allSatisfy { $0.status == .applied })
            // 25 October 00:30Z is 02:30 summer time, the night clocks go back: still 25 October in Paris.
            h.clock.set(Self.instant("2026-10-25T00:30:00Z"))
            r = try await client.push(ech, [ech.command(.recordAccueil(RecordAccueil(accueil: ech.accueil(.appel, orientation: true)))),
                                            ech.command(.recordAccueil(RecordAccueil(accueil: ech.accueil(.appel))))])
            #expect(try r.decode(PushResponse.self).outcomes.allSatisfy { $0.status == .applied })
            // 31 October 23:30Z is 1 November 00:30 in Paris: November's figure.
            h.clock.set(Self.instant("2026-10-31T23:30:00Z"))
            r = try await client.push(gre, [gre.command(.recordAccueil(RecordAccueil(accueil: gre.accueil(.visite))))])
            #expect(try r.decode(PushResponse.self).outcomes.allSatisfy { $0.status == .applied })

            // 5 November: Échirolles and the métropole have synced since October ended; the permanence has not.
            h.clock.set(Self.instant("2026-11-05T10:00:00Z"))
            _ = try await client.pullAll(ech)
            _ = try await client.pullAll(met)
            var octobre = try await Self.indicateurs(client, met, "du=2026-10-01&au=2026-10-31&pas=jour")
            #expect(octobre.accueil.visites == 3)
            #expect(octobre.accueil.appels == 2)
            #expect(octobre.accueil.orientationsNiveau3 == 1)
            #expect(octobre.demandes.enregistrees == 1)
            #expect(octobre.demandes.delaiEnregistrement.medianeJours == 4)
            #expect(octobre.serie.first { $0.debut == Jour(2026, 10, 25) }?.appels == 2)
            #expect(octobre.moisProvisoires == [MoisProvisoire(mois: "2026-10", enCours: false, guichetsEnAttente: ["PERM1"])])
            #expect(octobre.arreteALaSequence == (try await h.store.read { tx in try tx.maxSeq() }))

            // The permanence syncs its October work (visits of 10 October, a demande handed in on the 9th and
            // entered offline on the 10th; its numéro unique is assigned today, 27 days after the dépôt).
            let dixOctobre = Self.instant("2026-10-10T08:00:00Z")
            let decalage = Int64(dixOctobre.timeIntervalSince(h.clock.now()) * 1000)
            var late: [Command] = (0..<4).map { _ in
                var a = perm.accueil(.visite)
                a.le = dixOctobre
                return perm.command(.recordAccueil(RecordAccueil(accueil: a)), skewMillis: decalage)
            }
            late.append(perm.command(.registerDemande(RegisterDemande(demande: d2, depot: Jour(2026, 10, 9)!)), skewMillis: decalage))
            r = try await client.push(perm, late)
            #expect(try r.decode(PushResponse.self).outcomes.allSatisfy { $0.status == .applied })

            octobre = try await Self.indicateurs(client, met, "du=2026-10-01&au=2026-10-31&pas=jour")
            #expect(octobre.accueil.visites == 7, "the permanence's visits land on 10 October, not on the sync day")
            #expect(octobre.serie.first { $0.debut == Jour(2026, 10, 10) }?.visites == 4)
            #expect(octobre.demandes.enregistrees == 2)
            #expect(octobre.demandes.delaiEnregistrement.nombre == 2)
            #expect(octobre.demandes.delaiEnregistrement.p90Jours == 27)
            #expect(octobre.demandes.delaiEnregistrement.partHorsDelai == 0)
            #expect(octobre.moisProvisoires.isEmpty)
            // Registered on 5 November: not in October's stock, in November's.
            #expect(octobre.stock.actives == 1)

            // Filters: Échirolles alone; niveau 3 alone.
            let echirolles = try await Self.indicateurs(client, met, "du=2026-10-01&au=2026-10-31&commune=38151")
            #expect(echirolles.accueil.appels == 2 && echirolles.accueil.visites == 0)
            #expect(echirolles.parGuichet.map(\.code) == ["ECH01"])
            let niveau3 = try await Self.indicateurs(client, met, "du=2026-10-01&au=2026-10-31&niveau=3")
            #expect(niveau3.accueil.visites == 3)

            // A renunciation on 6 November: counted in November, the stock loses it.
            h.clock.set(Self.instant("2026-11-06T09:00:00Z"))
            let pulled = try await client.pullAll(gre)
            let version = pulled.changes.compactMap { if case .demande(let s) = $0.body, s.demande.id == d1.id { s.version } else { nil } }.max()!
            r = try await client.push(gre, [gre.command(.radierDemande(RadierDemande(demandeId: d1.id, baseVersion: version,
                                                                                     radiation: Radiation(motif: .renonciation, le: Jour(2026, 11, 6)!))))])
            #expect(try r.decode(PushResponse.self).outcomes.first?.status == .applied)
            let novembre = try await Self.indicateurs(client, met, "du=2026-11-01&au=2026-11-30")
            #expect(novembre.accueil.visites == 1)
            #expect(novembre.demandes.radiees["renonciation"] == 1)
            #expect(novembre.stock.actives == 1)
            #expect(novembre.stock.parTypologie.map(\.nombre).reduce(0, +) == 1)
            #expect(novembre.moisProvisoires.first?.enCours == true)
            #expect(novembre.reseau.map(\.code) == ["ECH01", "GRE01", "MET01", "PERM1"])
            #expect(novembre.reseau.first { $0.code == "PERM1" }?.derniereSynchro == Self.instant("2026-11-05T10:00:00Z"))

            // Only the métropole reads the figures.
            #expect(try await client.call(.get, "/v1/indicateurs", device: gre).status == .forbidden)
            #expect(try await client.call(.get, "/v1/indicateurs").status == .unauthorized)
            let bad = try await client.call(.get, "/v1/indicateurs?du=2026-13-01", device: met)
            #expect(bad.status == .badRequest)
            #expect(bad.problem?.detail.contains("du") == true)
        }
    }

    /// A device whose clock runs a day ahead books nothing in the future: an event without its own date counts on
    /// the server's day; its own accueil date is what it declares, bounded the same way for the pilotage day.
    @Test func aClockOneDayAheadBooksNothingInTheFuture() async throws {
        let h = try await Harness.make()
        h.clock.set(Self.instant("2026-11-10T10:00:00Z"))
        let gre = try await h.device("GRE01", niveau: .trois)
        let met = try await h.device("MET01", niveau: .trois, type: .metropole)
        let d = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: d, depot: Jour(2026, 11, 10)!)))])
            let change = FieldChange(path: "precisions", old: .null, new: .string("rappeler le matin"))
            let r = try await client.push(gre, [gre.command(.updateDemande(UpdateDemande(demandeId: d.id, baseVersion: 1, changes: [change])),
                                                            skewMillis: 86_400_000)])
            #expect(try r.decode(PushResponse.self).outcomes.first?.status == .applied)
            let i = try await Self.indicateurs(client, met, "du=2026-11-10&au=2026-11-11&pas=jour")
            #expect(i.serie.map(\.debut) == [Jour(2026, 11, 10)!, Jour(2026, 11, 11)!])
            #expect(i.demandes.modifiees == 1)
            let parJour = try await Self.indicateurs(client, met, "du=2026-11-11&au=2026-11-11")
            #expect(parJour.demandes.modifiees == 0, "not booked on the device's tomorrow")
            #expect(i.reseau.first { $0.code == "GRE01" }?.horlogeSignalee == true)
        }
    }

    @Test func aDemandeWithoutProposalForSixMonthsIsListedUntilItIsProposed() async throws {
        let h = try await Harness.make()
        h.clock.set(Self.instant("2026-04-02T09:00:00Z"))
        let gre = try await h.device("GRE01", niveau: .trois)
        let met = try await h.device("MET01", niveau: .trois, type: .metropole)
        let d = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: d, depot: Jour(2026, 4, 1)!)))])
            h.clock.set(Self.instant("2026-10-15T09:00:00Z"))
            var i = try await Self.indicateurs(client, met, "au=2026-10-15")
            #expect(i.stock.sansPropositionSixMois == 1)
            #expect(i.stock.listeSansProposition.first?.guichetOrigine == "GRE01")
            #expect(i.stock.listeSansProposition.first?.ancienneteMois == 6)
            // Designated as a candidate on an offer: a proposal.
            let offres = try OffreService(store: h.store, clock: h.clock)
            let rapport = try await offres.importer(csv: OffreTests.sample, bailleur: "ACTIS", partiel: true, par: "cli:test")
            #expect(rapport.publiees > 1)
            let offre = try #require(try await offres.offres(bailleur: "ACTIS").first)
            _ = try await offres.designer(offre.id, demandes: [d.id], par: "cli:test", bailleur: nil)
            i = try await Self.indicateurs(client, met, "du=2026-10-01&au=2026-10-15")
            #expect(i.stock.sansPropositionSixMois == 0)
            #expect(i.offres.publiees == rapport.publiees)
            #expect(i.offres.avecCandidats == 1)
            #expect(i.offres.tauxCouverture == 1 / Double(rapport.publiees))
        }
    }
}

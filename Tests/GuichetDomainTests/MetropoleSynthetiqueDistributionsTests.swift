import Foundation
import GuichetDomain
import Testing

// Shares of the synthetic métropole against domain.md §12.12, on 5,000 demandes and 2,000 offers.
@Suite("Métropole synthétique : distributions de §12.12, offres et accueils")
struct MetropoleSynthetiqueDistributionsTests {
    private let m = Synthese.metropole

    private func part<T>(_ elements: [T], _ critere: (T) -> Bool) -> Double {
        Double(elements.filter(critere).count) / Double(elements.count)
    }

    @Test("taille du ménage, composition, typologie recherchée à ±3 points")
    func menages() {
        let d = m.demandes.map(\.demande)
        for (taille, attendu) in zip(1...6, [0.45, 0.21, 0.14, 0.11, 0.05, 0.04]) {
            let p = part(d) { min($0.logementRecherche.nombrePersonnes, 6) == taille }
            #expect(abs(p - attendu) <= 0.03, "taille \(taille) : \(p)")
        }
        let seul = part(d) { $0.coDemandeurs.isEmpty && $0.personnesACharge.isEmpty && $0.enfantsDroitDeVisite.isEmpty }
        let couple = part(d) { $0.coDemandeurs.contains { $0.lien.estCouple } }
        let monoparentale = part(d) { $0.coDemandeurs.isEmpty && !($0.personnesACharge.isEmpty && $0.enfantsDroitDeVisite.isEmpty) }
        #expect(abs(seul - 0.45) <= 0.03 && abs(couple - 0.28) <= 0.03 && abs(monoparentale - 0.25) <= 0.03, "\(seul) \(couple) \(monoparentale)")
        let typologies: [[Typologie]] = [[.t1], [.t2], [.t3], [.t4], [.t5, .t6]]
        for (t, attendu) in zip(typologies, [0.14, 0.33, 0.30, 0.17, 0.06]) {
            let p = part(d) { t.contains($0.logementRecherche.typologies[0]) }
            #expect(abs(p - attendu) <= 0.03, "typologie \(t) : \(p)")
        }
        let ages = d.map { $0.demandeur.dateNaissance.ageRevolu(au: Synthese.jour) }
        #expect(abs(part(ages) { $0 >= 65 } - 0.12) <= 0.03 && abs(part(ages) { $0 < 25 } - 0.10) <= 0.03)
    }

    @Test("ressources : RFR absent ~15 %, sous plafond PLAI ~72 % avec la vraie table des plafonds")
    func ressources() {
        let d = m.demandes.map(\.demande)
        let absent = part(d) { $0.ressources.revenusFiscaux.rfrN2 == nil }
        #expect(abs(absent - 0.15) <= 0.03, "RFR absent : \(absent)")
        let renseignes = d.filter { $0.ressources.revenusFiscaux.rfrN2 != nil }
        func eligibles(_ f: Financement) -> Double {
            part(renseignes) { $0.eligibilite(financement: f, zone: .autresRegions, au: Synthese.jour, table: Synthese.table).estEligible }
        }
        #expect(abs(eligibles(.plai) - 0.72) <= 0.05, "sous PLAI : \(eligibles(.plai))")
        #expect(abs(eligibles(.plus) - 0.94) <= 0.03, "sous PLUS : \(eligibles(.plus))")
    }

    @Test("situation, priorités (DALO 3 %, L441-1 20 %, validées au niveau 3), handicap 8 %, PMR 3 %")
    func situationsEtPriorites() {
        let d = m.demandes.map(\.demande)
        #expect(abs(part(d) { $0.logementActuel.situation == .locataireHLM } - 0.37) <= 0.03)
        #expect(abs(part(d) { $0.dalo } - 0.03) <= 0.01)
        #expect(abs(part(d) { !$0.priorites.isEmpty } - 0.20) <= 0.04)
        let validees = d.flatMap(\.priorites).filter(\.estValidee)
        #expect(!validees.isEmpty && validees.allSatisfy { Synthese.guichets[$0.valideePar!]?.niveau == .trois })
        #expect(validees.allSatisfy { $0.valideeLe! <= Synthese.jour })
        #expect(abs(part(d) { $0.personnesALoger.contains { $0.1.handicap } } - 0.08) <= 0.015)
        #expect(abs(part(d) { $0.logementRecherche.accessibilite != .aucun } - 0.03) <= 0.01)
        // Wishes weighted by population: Grenoble (35 % of the population) leads.
        let premiers = d.map { $0.logementRecherche.communes[0] }
        #expect(part(premiers) { $0 == "38185" } > 0.3)
        let anciennete = d.filter(\.estActive).map { $0.ancienneteMois(au: Synthese.jour) }
        #expect(abs(part(anciennete) { $0 < 12 } - 0.46) <= 0.04 && anciennete.max()! < 72)
    }

    @Test("offres : loyers au m² par financement, typologies, accessibilité, bailleurs, communes")
    func offres() {
        let o = m.offres
        for (f, moyenne, tolerance) in [(Financement.plai, 5.2, 0.15), (.plus, 6.0, 0.1), (.pls, 9.0, 0.3)] {
            let parM2 = o.filter { $0.financement == f }.map { Double($0.loyer.centimes) / 100 / Double($0.surface) }
            let observee = parM2.reduce(0, +) / Double(parM2.count)
            #expect(abs(observee - moyenne) <= tolerance, "\(f) : \(observee) €/m²")
        }
        #expect(abs(part(o) { $0.financement == .plus } - 0.80) <= 0.03)
        for (t, attendu) in zip([[Typologie.t1], [.t2], [.t3], [.t4], [.t5, .t6]], [0.09, 0.24, 0.36, 0.24, 0.07]) {
            #expect(abs(part(o) { t.contains($0.typologie) } - attendu) <= 0.03, "\(t)")
        }
        let surfaces = [Typologie.t1, .t2, .t3, .t4, .t5].map { t in
            o.filter { $0.typologie == t }.map { Double($0.surface) }.reduce(0, +) / Double(o.filter { $0.typologie == t }.count)
        }
        #expect(surfaces == surfaces.sorted() && surfaces[0] > 20 && surfaces[4] < 110)
        #expect(abs(part(o) { $0.accessibilite != .aucun } - 0.18) <= 0.03 && abs(part(o) { $0.accessibilite == .adapte } - 0.06) <= 0.02)
        #expect(o.allSatisfy { $0.accessibilite == .aucun || $0.etage == 0 || $0.ascenseur })
        #expect(o.allSatisfy { Synthese.guichets[$0.bailleur]?.type == .bailleur && Synthese.referentiel.commune(insee: $0.communeInsee) != nil })
        #expect(Set(o.map(\.referenceBailleur)).count == o.count && part(o) { $0.statut == .publiee } > 0.75)
        #expect(part(o) { $0.communeInsee == "38185" } > 0.3)
    }

    @Test("accueils : permis au guichet, heures de bureau à Paris, trois ans, Pôle Habitat Social en tête")
    func accueils() throws {
        let a = m.accueils
        #expect(a.count == 8_500)
        var calendrier = Calendar(identifier: .gregorian)
        calendrier.timeZone = .paris
        let demandes = Dictionary(uniqueKeysWithValues: m.demandes.map { ($0.demande.id, $0.demande) })
        for accueil in a {
            let guichet = try #require(Synthese.guichets[accueil.guichetCode])
            #expect(accueil.actionsRequises.isSubset(of: Permissions.actions(pour: guichet)), "\(accueil.guichetCode) \(accueil.actionsRequises)")
            #expect(accueil.niveauService <= guichet.niveau)
            let c = calendrier.dateComponents([.weekday, .hour, .minute], from: accueil.le)
            let minutes = c.hour! * 60 + c.minute!
            #expect((2...6).contains(c.weekday!) && minutes >= 510 && minutes < 1_020 && !(720..<810).contains(minutes))
            #expect(accueil.jour <= Synthese.jour && accueil.jour >= Synthese.jour.ajoutant(annees: -3))
            if let id = accueil.demandeId {
                let d = try #require(demandes[id])
                #expect(accueil.numeroUnique == nil || accueil.numeroUnique == d.numeroUnique)
            }
        }
        #expect(zip(a, a.dropFirst()).allSatisfy { $0.le <= $1.le })
        let parPoint = Dictionary(grouping: a, by: \.guichetCode).mapValues(\.count)
        #expect(parPoint.max { $0.value < $1.value }?.key == "PHS01")
        #expect(Double(parPoint["PHS01"]!) / Double(a.count) > 0.25)
        #expect(Set(a.map(\.type)) == Set(TypeAccueil.allCases))
        #expect(a.contains(where: \.orientationNiveau3) && a.contains(where: \.pmr) && a.contains(where: \.prioriteBloquee))
        #expect(a.contains { $0.objet == .depot && $0.demandeId != nil })
    }
}

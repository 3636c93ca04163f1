import Foundation
import GuichetDomain
import Testing

// From the CERFA demande to the ceiling rules: persons counted (CCH L442-12, docs/DOMAIN.md §6.2), catégorie de ménage
// (arrêté du 29 juillet 1987 art. 2), eligibility with the ceilings of the year (§1–2, §7).
@Suite("Ménage d'une demande : composition, catégorie, éligibilité")
struct DemandeMenageTests {
    private let jour = Fixtures.aujourdhui

    private func adulte(_ prenom: String, ne: Jour, handicap: Bool = false) -> Personne {
        Personne(nomNaissance: "DURAND", prenoms: prenom, dateNaissance: ne, handicap: handicap)
    }

    @Test("composition : un rôle par personne, dates de naissance à minuit à Paris")
    func composition() {
        let c = Fixtures.demande().compositionMenage()
        #expect(c.personnes.map(\.role) == [.demandeur, .coDemandeur, .personneACharge, .personneACharge])
        #expect(c.estCouple)
        #expect(c.nombrePersonnes == 4)
        #expect(c.nombrePersonnesACharge == 2)
        #expect(c.personnes[0].dateNaissance == Jour(1988, 4, 12)!.debut(timeZone: .paris))
        #expect(c.personnes[0].dateNaissance == ISO8601DateFormatter().date(from: "1988-04-11T22:00:00Z"))
        #expect(c.personnes.allSatisfy { !$0.handicap })
    }

    @Test("couple et deux enfants : catégorie 4")
    func coupleDeuxEnfants() {
        let c = Fixtures.demande().categorieMenage(au: jour)
        #expect(c.categorie == 4)
        #expect(c.personnesSupplementaires == 0)
        #expect(c.motif.hasSuffix("catégorie 4"))
    }

    @Test("enfants en droit de visite : comptés comme personnes, pas à charge")
    func droitDeVisite() {
        let visite = Personne(nomNaissance: "MARTIN", prenoms: "Léo", dateNaissance: Jour(2017, 3, 2)!)
        let seul = Fixtures.demande(coDemandeurs: [], personnesACharge: [], enfantsDroitDeVisite: [visite], nombrePersonnes: 2)
        let c = seul.compositionMenage()
        #expect(c.personnes.map(\.role) == [.demandeur, .autreOccupant])
        #expect(c.nombrePersonnesACharge == 0)
        #expect(!c.estCouple)
        #expect(seul.categorieMenage(au: jour).categorie == 2, "1 adulte + 1 enfant en visite = 2 personnes (§6.2)")
        let famille = Fixtures.demande(enfantsDroitDeVisite: [visite], nombrePersonnes: 5)
        #expect(famille.categorieMenage(au: jour).categorie == 5)
    }

    @Test("personne seule avec un enfant à charge : catégorie 3")
    func personneSeuleAvecEnfant() {
        let d = Fixtures.demande(coDemandeurs: [], personnesACharge: [Fixtures.enfants[0]], nombrePersonnes: 2)
        #expect(d.categorieMenage(au: jour).categorie == 3)
        #expect(!d.compositionMenage().estCouple)
    }

    @Test("jeune ménage : la somme des âges au jour de référence décide (55 oui, 56 non)")
    func jeuneMenage() {
        let conjoint = CoDemandeur(personne: adulte("Alex", ne: Jour(1998, 6, 15)!), lien: .pacse)
        let d = Fixtures.demande(
            demandeur: adulte("Sam", ne: Jour(1998, 1, 1)!), coDemandeurs: [conjoint], personnesACharge: [], nombrePersonnes: 2)
        #expect(d.categorieMenage(au: Jour(2026, 6, 14)!).categorie == 3, "28 + 27 = 55")
        #expect(d.categorieMenage(au: Jour(2026, 6, 15)!).categorie == 2, "28 + 28 = 56")
    }

    @Test("couple au sens du lien : marié, pacsé, concubin ; pas un ascendant ni un frère", arguments: LienCoDemandeur.allCases)
    func lienCouple(lien: LienCoDemandeur) {
        let co = CoDemandeur(personne: adulte("Alex", ne: Jour(2000, 1, 1)!), lien: lien)
        let d = Fixtures.demande(
            demandeur: adulte("Sam", ne: Jour(2000, 2, 1)!), coDemandeurs: [co], personnesACharge: [], nombrePersonnes: 2)
        let couple = lien == .marie || lien == .pacse || lien == .concubin
        #expect(d.compositionMenage().estCouple == couple)
        #expect(d.categorieMenage(au: jour).categorie == (couple ? 3 : 2))
    }

    @Test("un couple reste un couple avec un autre co-demandeur (ascendant)")
    func coupleEtAscendant() {
        let mere = CoDemandeur(personne: adulte("Nadia", ne: Jour(1960, 5, 5)!), lien: .ascendant)
        let d = Fixtures.demande(coDemandeurs: [Fixtures.conjoint, mere], nombrePersonnes: 5)
        #expect(d.compositionMenage().estCouple)
        #expect(d.categorieMenage(au: jour).categorie == 5)
    }

    @Test("CMI invalidité d'un enfant : une catégorie de plus")
    func handicap() {
        var enfants = Fixtures.enfants
        enfants[1].handicap = true
        let d = Fixtures.demande(personnesACharge: enfants)
        #expect(d.compositionMenage().personnes.map(\.handicap) == [false, false, false, true])
        #expect(d.categorieMenage(au: jour).categorie == 5)
    }

    // MARK: - Eligibility against the real 2026 table

    @Test("éligibilité PLUS 2026 à Grenoble : exactement au plafond de la catégorie 4 (45 374 €), puis 1 € au-dessus")
    func eligibilitePlafondPLUS() throws {
        let table = try TablePlafonds.chargerOfficielles()
        let zone = try #require(try ReferentielCommunes.chargerMetropole().commune(insee: "38185")).zone
        #expect(zone == .autresRegions)
        let plafond = try table.plafond(annee: 2026, financement: .plus, zone: zone, categorie: CategorieMenage(categorie: 4))
        #expect(plafond == 45_374)

        let auPlafond = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2024, rfrN2: 45_374))
        #expect(auPlafond.eligibilite(financement: .plus, zone: zone, au: jour, table: table) == .eligible(revenu: 45_374, plafond: 45_374))

        let auDessus = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2024, rfrN2: 45_375))
        let e = auDessus.eligibilite(financement: .plus, zone: zone, au: jour, table: table)
        #expect(!e.estEligible)
        #expect(e == .nonEligible(
            revenu: 45_375, plafond: 45_374,
            motif: "Revenu fiscal de référence 2024 (45 375 €) supérieur au plafond PLUS 2026 catégorie 4 zone autres régions (45 374 €)"))
    }

    @Test("le financement choisit la colonne : PLAI refusé, PLS accepté pour le même ménage")
    func financements() throws {
        let table = try TablePlafonds.chargerOfficielles()
        let d = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2024, rfrN2: 45_374))
        #expect(!d.eligibilite(financement: .plai, zone: .autresRegions, au: jour, table: table).estEligible)
        #expect(d.eligibilite(financement: .pls, zone: .autresRegions, au: jour, table: table) == .eligible(revenu: 45_374, plafond: 58_986))
    }

    @Test("l'année des plafonds est celle du jour : RFR N-2 attendu")
    func anneeDuJour() throws {
        let table = try TablePlafonds.chargerOfficielles()
        let rfr2023 = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2023, rfrN2: 40_000))
        let plafond2025 = try table.plafond(annee: 2025, financement: .plus, zone: .autresRegions, categorie: CategorieMenage(categorie: 4))
        #expect(rfr2023.eligibilite(financement: .plus, zone: .autresRegions, au: Jour(2025, 12, 31)!, table: table)
            == .eligible(revenu: 40_000, plafond: plafond2025))
        guard case let .indeterminee(motif) = rfr2023.eligibilite(financement: .plus, zone: .autresRegions, au: Jour(2026, 1, 1)!, table: table) else {
            Issue.record("indéterminée attendue : RFR 2023 pour les plafonds 2026")
            return
        }
        #expect(motif.contains("RFR 2024"))
    }

    @Test("année de plafonds non chargée : indéterminée")
    func anneeNonChargee() throws {
        let table = try TablePlafonds.chargerOfficielles()
        let d = Fixtures.demande(revenus: RevenusFiscaux(anneeN2: 2025, rfrN2: 30_000))
        guard case let .indeterminee(motif) = d.eligibilite(financement: .plus, zone: .autresRegions, au: Jour(2027, 3, 1)!, table: table) else {
            Issue.record("indéterminée attendue : plafonds 2027 non chargés")
            return
        }
        #expect(motif.contains("2027"))
    }

    @Test("séparation en cours : même calcul, sur le RFR saisi (celui du demandeur seul)")
    func separationEnCours() throws {
        let table = try TablePlafonds.chargerOfficielles()
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 21_000)
        let avec = Fixtures.demande(revenus: revenus, separationEnCours: true)
        let sans = Fixtures.demande(revenus: revenus)
        #expect(avec.eligibilite(financement: .plai, zone: .autresRegions, au: jour, table: table)
            == sans.eligibilite(financement: .plai, zone: .autresRegions, au: jour, table: table))
        #expect(avec.categorieMenage(au: jour) == sans.categorieMenage(au: jour))
    }
}

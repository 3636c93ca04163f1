import Foundation
import GuichetDomain
import Testing

// Arrêté du 29 juillet 1987 art. 4 (N-2, or N-1 « inférieurs d'au moins 10 % » on request) and CCH R441-1 1°
// (resources that « n'excèdent pas » the ceiling). Ceilings from Resources/plafonds/2026.json.
private let cat2 = CategorieMenage(categorie: 2)

private func rfr2024(_ montant: Int) -> RevenusFiscaux { RevenusFiscaux(anneeN2: 2024, rfrN2: montant) }

private func verifier(
    _ revenus: RevenusFiscaux, _ categorie: CategorieMenage = cat2, financement: Financement = .plus,
    zone: ZonePlafond = .autresRegions, annee: Int = 2026
) throws -> Eligibilite {
    Eligibilite.verifier(
        revenus: revenus, categorie: categorie, zone: zone, financement: financement, annee: annee,
        table: try TablePlafonds.chargerOfficielles())
}

@Suite("Éligibilité aux plafonds")
struct EligibiliteTests {
    @Test("exactement au plafond : éligible")
    func exactementAuPlafond() throws {
        let e = try verifier(rfr2024(31254))
        #expect(e == .eligible(revenu: 31254, plafond: 31254))
        #expect(e.estEligible)
    }

    @Test("un euro au-dessus : refusé, avec un motif lisible")
    func unEuroAuDessus() throws {
        let e = try verifier(rfr2024(31255))
        #expect(e == .nonEligible(
            revenu: 31255, plafond: 31254,
            motif: "Revenu fiscal de référence 2024 (31 255 €) supérieur au plafond PLUS 2026 catégorie 2 zone autres régions (31 254 €)"))
        #expect(!e.estEligible)
    }

    @Test("bornes des trois financements, au plafond et un euro au-dessus",
          arguments: [(Financement.plai, 1, 12870), (.plus, 4, 45374), (.pls, 4, 58986), (.pls, 6, 78203)])
    func bornes(financement: Financement, categorie: Int, plafond: Int) throws {
        let c = CategorieMenage(categorie: categorie)
        #expect(try verifier(rfr2024(plafond), c, financement: financement) == .eligible(revenu: plafond, plafond: plafond))
        #expect(try !verifier(rfr2024(plafond + 1), c, financement: financement).estEligible)
    }

    @Test("N-1 à exactement 90 % de N-2, demandé : N-1 retenu")
    func nMoins1AExactement90() throws {
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 30000, anneeN1: 2025, revenuN1: 27000, n1Demande: true)
        guard case let .retenu(r) = revenus.revenuRetenu(pourAnnee: 2026) else {
            Issue.record("revenu retenu attendu")
            return
        }
        #expect(r.montant == 27000)
        #expect(r.origine == .revenusN1)
        #expect(r.libelle == "Revenus 2025")
        #expect(r.motif.contains("inférieurs d'au moins 10 %"))
    }

    @Test("N-1 à 90 % + 1 € : N-2 retenu")
    func nMoins1AuDela() throws {
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 30000, anneeN1: 2025, revenuN1: 27001, n1Demande: true)
        guard case let .retenu(r) = revenus.revenuRetenu(pourAnnee: 2026) else {
            Issue.record("revenu retenu attendu")
            return
        }
        #expect(r.montant == 30000)
        #expect(r.origine == .rfrN2)
        #expect(r.motif.contains("non retenus"))
    }

    @Test("N-1 qui fait passer sous le plafond : éligible à 90 %, refusé à 90 % + 1 €")
    func nMoins1DecideLEligibilite() throws {
        // N-2 34 000 is above the PLUS 2026 catégorie 2 ceiling (31 254); 0.9 × 34 000 = 30 600 is below.
        let a90 = RevenusFiscaux(anneeN2: 2024, rfrN2: 34000, anneeN1: 2025, revenuN1: 30600, n1Demande: true)
        #expect(try verifier(a90) == .eligible(revenu: 30600, plafond: 31254))
        let auDela = RevenusFiscaux(anneeN2: 2024, rfrN2: 34000, anneeN1: 2025, revenuN1: 30601, n1Demande: true)
        #expect(try verifier(auDela) == .nonEligible(
            revenu: 34000, plafond: 31254,
            motif: "Revenu fiscal de référence 2024 (34 000 €) supérieur au plafond PLUS 2026 catégorie 2 zone autres régions (31 254 €)"))
    }

    @Test("N-1 plus bas mais non demandé par le ménage : N-2 retenu")
    func nMoins1NonDemande() throws {
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 34000, anneeN1: 2025, revenuN1: 20000, n1Demande: false)
        #expect(try !verifier(revenus).estEligible)
    }

    @Test("N-1 d'une mauvaise année : ignoré, N-2 retenu avec l'explication")
    func nMoins1MauvaiseAnnee() {
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 34000, anneeN1: 2024, revenuN1: 20000, n1Demande: true)
        guard case let .retenu(r) = revenus.revenuRetenu(pourAnnee: 2026) else {
            Issue.record("revenu retenu attendu")
            return
        }
        #expect(r.origine == .rfrN2)
        #expect(r.motif.contains("l'année 2025 est attendue"))
    }

    @Test("douze derniers mois (année non précisée) : libellé et motif au pluriel")
    func douzeDerniersMois() throws {
        let revenus = RevenusFiscaux(anneeN2: 2024, rfrN2: 40000, revenuN1: 32000, n1Demande: true)
        #expect(try verifier(revenus) == .nonEligible(
            revenu: 32000, plafond: 31254,
            motif: "Revenus des douze derniers mois (32 000 €) supérieurs au plafond PLUS 2026 catégorie 2 zone autres régions (31 254 €)"))
    }

    @Test("RFR absent : indéterminée, en disant quel RFR fournir")
    func rfrAbsent() throws {
        #expect(try verifier(RevenusFiscaux()) == .indeterminee(
            motif: "Revenu fiscal de référence 2024 non renseigné : l'éligibilité aux plafonds 2026 ne peut pas être vérifiée"))
        guard case let .indeterminee(motif) = try verifier(RevenusFiscaux(rfrN2: 20000)) else {
            Issue.record("indéterminée attendue")
            return
        }
        #expect(motif.contains("Année du revenu fiscal de référence non renseignée"))
    }

    @Test("RFR d'une autre année que N-2 : indéterminée, en nommant l'année attendue", arguments: [2023, 2025])
    func rfrMauvaiseAnnee(annee: Int) throws {
        let e = try verifier(RevenusFiscaux(anneeN2: annee, rfrN2: 20000))
        #expect(e == .indeterminee(
            motif: "Revenu fiscal de référence \(annee) fourni : les plafonds 2026 s'apprécient sur le RFR 2024 (avis d'imposition 2025)"))
    }

    @Test("année de plafonds non chargée : indéterminée, sans lever d'erreur")
    func anneeNonChargee() throws {
        let e = try verifier(RevenusFiscaux(anneeN2: 2025, rfrN2: 20000), annee: 2027)
        #expect(e == .indeterminee(motif: "Plafonds 2027 non chargés (années disponibles : 2024, 2025, 2026)"))
    }

    @Test("catégorie avec personnes supplémentaires : 8 personnes, PLUS 2026 autres régions = 60 156 + 2 × 6 710")
    func personnesSupplementaires() throws {
        var calendrier = Calendar(identifier: .gregorian)
        calendrier.timeZone = TimeZone(identifier: "Europe/Paris")!
        let personnes = [PersonneMenage(role: .demandeur), PersonneMenage(role: .coDemandeur)]
            + Array(repeating: PersonneMenage(role: .personneACharge), count: 6)
        let c = CategorieMenage.calculer(
            CompositionMenage(personnes: personnes, estCouple: true), au: Date(timeIntervalSince1970: 1_780_000_000),
            calendar: calendrier)
        #expect(c.categorie == 6 && c.personnesSupplementaires == 2)
        #expect(try verifier(rfr2024(73576), c) == .eligible(revenu: 73576, plafond: 73576))
        #expect(try verifier(rfr2024(73577), c) == .nonEligible(
            revenu: 73577, plafond: 73576,
            motif: "Revenu fiscal de référence 2024 (73 577 €) supérieur au plafond PLUS 2026 catégorie 6 + 2 personnes supplémentaires zone autres régions (73 576 €)"))
    }

    @Test("le résultat se sérialise et se relit à l'identique")
    func codable() throws {
        let e = try verifier(rfr2024(31255))
        let relu = try JSONDecoder().decode(Eligibilite.self, from: JSONEncoder().encode(e))
        #expect(relu == e)
    }
}

import Foundation
import GuichetDomain
import Testing

// The niveaux de service of the métropole's network (Grenoble-Alpes Métropole, atelier ORHL du 8 juillet 2016):
// niveau 1 informs, hands out the form, receives pièces, logs receptions, orients to niveau 3, reports blocked
// priorities and PMR households; niveau 2 also registers, modifies, renews, radiates on renonciation and offers the
// entretien simple; niveau 3 also the rendez-vous personnalisé, the dossier unique, priority qualification, PMR
// interviews and online demandeurs. Bailleurs are registration services (R441-2-1), so at least niveau 2, and hold
// the CAL (radiation for other motifs, attribution, offers, designation of candidates). Métropole staff may do everything.

/// Expected table, written literally. Columns: communal 1 2 3 · permanence mobile 1 2 3 · bailleur 1 2 3 · métropole 1 2 3.
private let table: [(Action, String)] = [
    (.informer,                 "XXX XXX XXX XXX"),
    (.remettreFormulaire,       "XXX XXX XXX XXX"),
    (.recevoirPiece,            "XXX XXX XXX XXX"),
    (.enregistrerAccueil,       "XXX XXX XXX XXX"),
    (.orienterNiveau3,          "XXX XXX XXX XXX"),
    (.signalerPrioriteBloquee,  "XXX XXX XXX XXX"),
    (.signalerPMR,              "XXX XXX XXX XXX"),
    (.enregistrerDemande,       ".XX .XX XXX XXX"),
    (.modifierDemande,          ".XX .XX XXX XXX"),
    (.renouvelerDemande,        ".XX .XX XXX XXX"),
    (.radierSurRenonciation,    ".XX .XX XXX XXX"),
    (.entretienSimple,          ".XX .XX XXX XXX"),
    (.rendezVousPersonnalise,   "..X ..X ..X XXX"),
    (.constituerDossierUnique,  "..X ..X ..X XXX"),
    (.qualifierPriorite,        "..X ..X ..X XXX"),
    (.entretienPMR,             "..X ..X ..X XXX"),
    (.recevoirDemandeEnLigne,   "..X ..X ..X XXX"),
    (.radierAutresMotifs,       "... ... XXX XXX"),
    (.attribuer,                "... ... XXX XXX"),
    (.publierOffre,             "... ... XXX XXX"),
    (.designerCandidats,        "... ... XXX XXX"),
    (.consulterToutesDemandes,  "... ... ... XXX"),
    (.consulterPilotage,        "... ... ... XXX"),
    (.resoudreConflits,         "... ... ... XXX"),
    (.gererGuichets,            "... ... ... XXX"),
]

private let colonnes: [TypeGuichet] = [.communal, .permanenceMobile, .bailleur, .metropole]

private func attendu(_ action: Action, _ type: TypeGuichet, _ niveau: Niveau) -> Bool {
    guard let ligne = table.first(where: { $0.0 == action })?.1 else {
        Issue.record("action absente de la table : \(action)")
        return false
    }
    let cases = Array(ligne.replacingOccurrences(of: " ", with: ""))
    return cases[colonnes.firstIndex(of: type)! * 3 + niveau.rawValue - 1] == "X"
}

private func guichet(_ type: TypeGuichet, _ niveau: Niveau, code: String = "GAM01") -> Guichet {
    Guichet(code: code, nom: "Point d'accueil", communeInsee: "38185", niveau: niveau, type: type)
}

@Suite("Niveaux de service et permissions")
struct PermissionsTests {
    @Test("la table couvre chaque action une fois, 12 colonnes")
    func tableComplete() {
        #expect(table.map(\.0) == Action.allCases)
        #expect(table.allSatisfy { $0.1.replacingOccurrences(of: " ", with: "").count == 12 })
        #expect(Set(colonnes) == Set(TypeGuichet.allCases) && colonnes.count == TypeGuichet.allCases.count)
    }

    @Test("chaque action pour chaque type et niveau de guichet", arguments: TypeGuichet.allCases, Niveau.allCases)
    func permissions(type: TypeGuichet, niveau: Niveau) {
        let g = guichet(type, niveau)
        for action in Action.allCases {
            let prevu = attendu(action, type, niveau)
            #expect(Permissions.autorise(action, pour: g) == prevu, "\(type) niveau \(niveau.rawValue) : \(action)")
        }
        #expect(Permissions.actions(pour: g) == Set(Action.allCases.filter { attendu($0, type, niveau) }))
    }

    @Test("les niveaux s'emboîtent : un niveau supérieur peut tout ce que peut l'inférieur", arguments: TypeGuichet.allCases)
    func emboitement(type: TypeGuichet) {
        #expect(Permissions.actions(pour: guichet(type, .un)).isSubset(of: Permissions.actions(pour: guichet(type, .deux))))
        #expect(Permissions.actions(pour: guichet(type, .deux)).isSubset(of: Permissions.actions(pour: guichet(type, .trois))))
    }

    @Test("niveau minimal d'un point communal pour chaque action")
    func niveauMinimal() {
        for (action, ligne) in table {
            let communal = Array(ligne.prefix(3))
            let prevu: Niveau? = communal[0] == "X" ? .un : communal[1] == "X" ? .deux : communal[2] == "X" ? .trois : nil
            #expect(Permissions.niveauMinimal(pour: action) == prevu, "\(action)")
        }
        #expect(Permissions.niveauMinimal(pour: .informer) == .un)
        #expect(Permissions.niveauMinimal(pour: .enregistrerDemande) == .deux)
        #expect(Permissions.niveauMinimal(pour: .qualifierPriorite) == .trois)
        #expect(Permissions.niveauMinimal(pour: .attribuer) == nil)
    }

    // MARK: - Guichet

    @Test("code guichet : 5 caractères A–Z ou 0–9", arguments: [
        ("GAM01", true), ("GDPUB", true), ("00000", true), ("gam01", false), ("GAM0", false), ("GAM012", false),
        ("GA M1", false), ("GA-01", false), ("GAÉ01", false), ("", false), ("ＧAM01", false),
    ])
    func codeGuichet(code: String, valide: Bool) {
        #expect(Guichet.codeEstValide(code) == valide)
    }

    @Test("problèmes d'un guichet : tous à la fois, en français")
    func problemesGuichet() {
        #expect(guichet(.communal, .deux).problemes == [])
        #expect(Guichet(code: "CCAS3", nom: "CCAS", communeInsee: "2A004", niveau: .un, type: .communal).problemes == [])
        let faux = Guichet(code: "gam1", nom: "  ", communeInsee: "3818", niveau: .un, type: .communal)
        #expect(faux.problemes.map(\.chemin) == ["code", "nom", "communeInsee"])
        #expect(faux.problemes.map(\.code) == ["format", "obligatoire", "format"])
        #expect(faux.problemes[1].message == "Le nom du guichet est obligatoire.")
        #expect(faux.problemes[2].message == "Code INSEE de commune invalide : « 3818 ».")
    }

    @Test("codes INSEE", arguments: [("38185", true), ("2A004", true), ("2B033", true), ("2C004", false), ("3818", false),
                                     ("381850", false), ("38A85", false), ("97411", true)])
    func codeInsee(code: String, valide: Bool) {
        #expect(CodeInsee.estValide(code) == valide)
    }

    // MARK: - Accueil

    private func accueil(
        _ type: TypeAccueil = .visite, niveau: Niveau = .un, orientation: Bool = false, pmr: Bool = false,
        priorite: Bool = false
    ) -> Accueil {
        Accueil(
            id: UUID(), type: type, le: Date(timeIntervalSince1970: 1_780_000_000), guichetCode: "GAM01", agent: "AB",
            niveauService: niveau, orientationNiveau3: orientation, pmr: pmr, prioriteBloquee: priorite)
    }

    @Test("actions requises par un accueil")
    func actionsRequises() {
        #expect(accueil().actionsRequises == [.enregistrerAccueil])
        #expect(accueil(.appel, orientation: true, pmr: true, priorite: true).actionsRequises
            == [.enregistrerAccueil, .orienterNiveau3, .signalerPMR, .signalerPrioriteBloquee])
        #expect(accueil(niveau: .deux).actionsRequises == [.enregistrerAccueil, .entretienSimple])
        #expect(accueil(.rendezVous, niveau: .deux).actionsRequises == [.enregistrerAccueil, .entretienSimple])
        #expect(accueil(.rendezVous, niveau: .trois).actionsRequises
            == [.enregistrerAccueil, .entretienSimple, .rendezVousPersonnalise])
        #expect(accueil(.rendezVous, niveau: .un).actionsRequises == [.enregistrerAccueil])
    }

    @Test("un point n'enregistre qu'un service de son niveau ou en dessous",
          arguments: Niveau.allCases, TypeAccueil.allCases)
    func serviceAuNiveauDuPoint(service: Niveau, type: TypeAccueil) {
        for niveauPoint in Niveau.allCases {
            let g = guichet(.communal, niveauPoint)
            let permis = accueil(type, niveau: service).actionsRequises.allSatisfy { Permissions.autorise($0, pour: g) }
            #expect(permis == (service <= niveauPoint), "point de niveau \(niveauPoint.rawValue), service \(service.rawValue), \(type)")
        }
    }

    @Test("un point de niveau 1 peut orienter, signaler une priorité bloquée et un ménage PMR")
    func signalementsNiveau1() {
        let g = guichet(.communal, .un)
        let a = accueil(orientation: true, pmr: true, priorite: true)
        #expect(a.actionsRequises.allSatisfy { Permissions.autorise($0, pour: g) })
    }

    @Test("jour civil d'un accueil : Europe/Paris")
    func jourAccueil() {
        var a = accueil()
        // 23:30 UTC on 14 July 2026 is 01:30 on 15 July in Paris.
        a.le = ISO8601DateFormatter().date(from: "2026-07-14T23:30:00Z")!
        #expect(a.jour == Jour(2026, 7, 15))
    }
}

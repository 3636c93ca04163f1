import Foundation

/// What a point may do. One table, read by the client (to refuse early) and the server (the authority).
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    // Every point (niveau 1).
    case informer, remettreFormulaire, recevoirPiece, enregistrerAccueil, orienterNiveau3, signalerPrioriteBloquee,
        signalerPMR
    // Niveau 2: registration service.
    case enregistrerDemande, modifierDemande, renouvelerDemande, radierSurRenonciation, entretienSimple
    // Niveau 3.
    case rendezVousPersonnalise, constituerDossierUnique, qualifierPriorite, entretienPMR, recevoirDemandeEnLigne
    // Bailleurs and métropole.
    case radierAutresMotifs, attribuer, publierOffre, designerCandidats
    // Métropole staff only.
    case consulterToutesDemandes, consulterPilotage, resoudreConflits, gererGuichets
}

/// The niveau/type permission table (002_24dfd0410ac7b169.txt, docs/DOMAIN.md "Niveaux de service").
public enum Permissions {
    static let niveau1: Set<Action> = [
        .informer, .remettreFormulaire, .recevoirPiece, .enregistrerAccueil, .orienterNiveau3, .signalerPrioriteBloquee,
        .signalerPMR,
    ]
    static let niveau2: Set<Action> = niveau1.union([
        .enregistrerDemande, .modifierDemande, .renouvelerDemande, .radierSurRenonciation, .entretienSimple,
    ])
    static let niveau3: Set<Action> = niveau2.union([
        .rendezVousPersonnalise, .constituerDossierUnique, .qualifierPriorite, .entretienPMR, .recevoirDemandeEnLigne,
    ])

    /// Every action a guichet may perform.
    public static func actions(pour guichet: Guichet) -> Set<Action> {
        switch guichet.type {
        case .communal, .permanenceMobile:
            return parNiveau(guichet.niveau)
        case .bailleur:
            // Bailleurs are registration services by law (R441-2-1) and hold the CAL.
            return parNiveau(max(guichet.niveau, .deux)).union([.radierAutresMotifs, .attribuer, .publierOffre, .designerCandidats])
        case .metropole:
            return Set(Action.allCases)
        }
    }

    /// True when `guichet` may perform `action`.
    public static func autorise(_ action: Action, pour guichet: Guichet) -> Bool {
        actions(pour: guichet).contains(action)
    }

    /// The lowest niveau of a communal point allowed to perform `action`, or nil when no communal point may.
    public static func niveauMinimal(pour action: Action) -> Niveau? {
        Niveau.allCases.first { parNiveau($0).contains(action) }
    }

    static func parNiveau(_ niveau: Niveau) -> Set<Action> {
        switch niveau {
        case .un: niveau1
        case .deux: niveau2
        case .trois: niveau3
        }
    }
}

import Foundation

/// The facts each criterion reads on a profile, in French, for the details shown to agents and demandeurs (the
/// quantity itself is measured by `RegleCritere.quantite`).
extension CodeCritere {
    /// The facts behind a met criterion, in French (built only for the details).
    func constat(_ p: ProfilDemande, au jour: Jour, seuil: Int?) -> String {
        if let priorite {
            let etat = p.prioritesValidees.contient(priorite) ? "validée" : "déclarée, non validée"
            return "priorité L441-1 « \(priorite.rawValue) » \(etat)"
        }
        let l = p.logement
        switch self {
        case .anciennete:
            return "ancienneté \(p.ancienneteMois(au: jour)) mois" + (p.depot.map { " (dépôt le \($0.affichage))" } ?? "")
        case .personnesACharge: return "\(p.nombrePersonnesACharge) personne(s) à charge"
        case .delaiAnormalementLong:
            return "ancienneté \(p.ancienneteMois(au: jour)) mois, au moins le délai anormalement long de "
                + "\(seuil ?? 0) mois"
        case .dalo: return "reconnu prioritaire et urgent par la commission de médiation (DALO)"
        case .sansAbri, .hebergementStructure, .hebergeChezTiers, .hebergeChezParents:
            return "situation actuelle : \(l.situation.rawValue)"
        case .surOccupationSurface:
            return "logement actuel de \(l.surface ?? 0) m² pour \(l.occupants) occupant(s), sous le seuil de "
                + "\(Peuplement.surfaceMinimale(occupants: l.occupants)) m²"
        case .surOccupationPieces:
            return "logement actuel de \(l.pieces ?? 0) pièce(s) pour \(l.occupants) occupant(s), "
                + "\(Peuplement.piecesNecessaires(occupants: l.occupants)) nécessaires"
        case .logementNonDecent: return "logement actuel déclaré non décent"
        case .logementIndigne: return "logement actuel déclaré indigne"
        case .handicapMenage: return "une personne du ménage est titulaire de la CMI invalidité"
        case .tauxEffortLogementActuel:
            let cout = l.coutNet ?? .zero
            return "coût actuel \(cout.enFrancais) (loyer + charges − aide) pour "
                + "\(p.ressourcesMensuelles.enFrancais) de ressources mensuelles, au-dessus de \(seuil ?? 0) %"
        case .parentIsole: return "parent isolé avec enfant mineur à charge"
        case .menaceExpulsion: return "motif déclaré : procédure d'expulsion"
        case .logementRepris: return "motif déclaré : logement repris"
        case .demolition: return "motif déclaré : démolition"
        case .violencesFamiliales: return "motif déclaré : violences familiales"
        case .raisonsSante: return "motif déclaré : raisons de santé"
        case .mutationProfessionnelle: return "motif déclaré : mutation professionnelle"
        case .rapprochementTravail: return "motif déclaré : rapprochement du lieu de travail"
        case .decohabitation: return "motif déclaré : décohabitation"
        case .separation: return "motif déclaré : divorce ou séparation"
        default: return rawValue
        }
    }
}

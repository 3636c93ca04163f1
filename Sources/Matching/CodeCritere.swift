import Foundation

/// The criteria a cotation grid may use: each code is a rule computed from a `ProfilDemande`.
///
/// A grid (`GrilleCotation`) chooses which codes it uses, with its own points, rubrics and modes; a code the
/// engine does not know is rejected when the grid is loaded, never ignored.
public enum CodeCritere: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ancienneté of the demande in whole months (nature: months).
    case anciennete
    /// Ancienneté at least `seuil` months, the délai anormalement long of the département (CCH L441-1-4).
    case delaiAnormalementLong
    /// Recognised prioritaire et urgent by the commission de médiation (DALO).
    case dalo
    /// L441-1 priorities, as declared on the demande (`PrioriteDeclaree`).
    case prioriteHandicap = "priorite.handicap"
    case prioriteMalLogeDefavorise = "priorite.malLogeDefavorise"
    case prioriteHebergeTemporaire = "priorite.hebergeTemporaire"
    case prioriteRepriseActivite = "priorite.repriseActivite"
    case prioriteHabitatIndigne = "priorite.habitatIndigne"
    case prioriteViolencesCouple = "priorite.violencesCouple"
    case prioriteSurOccupationAvecMineur = "priorite.surOccupationAvecMineur"
    case prioriteSansLogement = "priorite.sansLogement"
    case prioriteMenaceExpulsion = "priorite.menaceExpulsion"
    case prioriteSortieAppartementCoordination = "priorite.sortieAppartementCoordination"
    case prioriteSortieProstitution = "priorite.sortieProstitution"
    case prioriteVictimeTraite = "priorite.victimeTraite"
    case prioriteSortieASE = "priorite.sortieASE"
    /// Current situation: sans abri.
    case sansAbri
    /// Current situation: structure d'hébergement, logement temporaire, foyer or hotel.
    case hebergementStructure
    /// Current situation: hébergé chez des tiers.
    case hebergeChezTiers
    /// Current situation: hébergé chez ses parents.
    case hebergeChezParents
    /// Current dwelling below `Peuplement.surfaceMinimale` for its occupants.
    case surOccupationSurface
    /// Current dwelling with fewer rooms than `Peuplement.piecesNecessaires` for its occupants.
    case surOccupationPieces
    /// Current dwelling declared non décent (box F26).
    case logementNonDecent
    /// Current dwelling declared indigne (box F27).
    case logementIndigne
    /// Motif « procédure d'expulsion ».
    case menaceExpulsion
    /// Motif « logement repris » (congé of the owner).
    case logementRepris
    /// Motif « démolition ».
    case demolition
    /// Motif « violences familiales ».
    case violencesFamiliales
    /// A person of the household holds the CMI invalidité.
    case handicapMenage
    /// Motif « raisons de santé ».
    case raisonsSante
    /// Current housing cost above `seuil` percent of the monthly resources.
    case tauxEffortLogementActuel
    /// No co-demandeur and at least one minor à charge.
    case parentIsole
    /// Number of personnes à charge (nature: persons).
    case personnesACharge
    /// Motif « mutation professionnelle ».
    case mutationProfessionnelle
    /// Motif « rapprochement du lieu de travail ».
    case rapprochementTravail
    /// Motif « décohabitation ».
    case decohabitation
    /// Motif « divorce, séparation ».
    case separation

    /// What a criterion counts: a condition (0 or 1), months or persons; it decides which modes are allowed.
    public enum Nature: Sendable, Hashable {
        /// Met or not (quantity 0 or 1): only `ponctuel` applies.
        case condition
        /// A number of months: `ponctuel` or `parMois`.
        case mois
        /// A number of persons: `ponctuel` or `parPersonne`.
        case personnes
    }

    /// The nature of this code.
    public var nature: Nature {
        switch self {
        case .anciennete: .mois
        case .personnesACharge: .personnes
        default: .condition
        }
    }

    /// The L441-1 priority this code reads, for the `priorite.*` codes.
    public var priorite: PrioriteL4411? {
        switch self {
        case .prioriteHandicap: .handicap
        case .prioriteMalLogeDefavorise: .malLogeDefavorise
        case .prioriteHebergeTemporaire: .hebergeTemporaire
        case .prioriteRepriseActivite: .repriseActivite
        case .prioriteHabitatIndigne: .habitatIndigne
        case .prioriteViolencesCouple: .violencesCouple
        case .prioriteSurOccupationAvecMineur: .surOccupationAvecMineur
        case .prioriteSansLogement: .sansLogement
        case .prioriteMenaceExpulsion: .menaceExpulsion
        case .prioriteSortieAppartementCoordination: .sortieAppartementCoordination
        case .prioriteSortieProstitution: .sortieProstitution
        case .prioriteVictimeTraite: .victimeTraite
        case .prioriteSortieASE: .sortieASE
        default: nil
        }
    }

    /// The motif this code reads, for the codes that are a motif of the demande.
    public var motif: Motif? {
        switch self {
        case .menaceExpulsion: .procedureExpulsion
        case .logementRepris: .logementRepris
        case .demolition: .demolition
        case .violencesFamiliales: .violencesFamiliales
        case .raisonsSante: .raisonsSante
        case .mutationProfessionnelle: .mutationProfessionnelle
        case .rapprochementTravail: .rapprochementTravail
        case .decohabitation: .decohabitation
        case .separation: .divorceSeparation
        default: nil
        }
    }

    /// The validated priority that validates this criterion when the grid says `necessiteValidation`; nil when
    /// nothing on a demande can validate it (the loader then refuses `necessiteValidation: true`).
    ///
    /// Only `PrioriteDeclaree` carries a validation (who and when); a situation or a motif is validated through
    /// the L441-1 priority that covers it (e.g. violences familiales through f) violences au sein du couple).
    public var valideePar: PrioriteL4411? {
        if let priorite { return priorite }
        switch self {
        case .sansAbri, .hebergeChezTiers, .hebergeChezParents: return .sansLogement
        case .hebergementStructure: return .hebergeTemporaire
        case .surOccupationSurface, .surOccupationPieces, .logementNonDecent: return .surOccupationAvecMineur
        case .logementIndigne: return .habitatIndigne
        case .menaceExpulsion: return .menaceExpulsion
        case .violencesFamiliales: return .violencesCouple
        case .handicapMenage: return .handicap
        default: return nil
        }
    }

    /// Allowed values of the criterion's `seuil`, with their unit; nil when the code takes no threshold.
    public var seuilAttendu: (plage: ClosedRange<Int>, unite: String)? {
        switch self {
        case .delaiAnormalementLong: (1...600, "mois")
        case .tauxEffortLogementActuel: (1...100, "%")
        default: nil
        }
    }
}

import Foundation

/// States of a demande's life (see `CycleDeVie`).
public enum StatutDemande: String, Sendable, Hashable, Codable, CaseIterable {
    /// Being entered at a guichet, not yet handed in.
    case brouillon
    /// Handed in by the demandeur; the service has one month to register it (L441-2-1).
    case deposee
    /// Registered: numéro unique assigned, attestation due.
    case enregistree
    /// Renewed at least once (number and date de dépôt initial kept).
    case renouvelee
    /// Attributed with a signed bail (radiation motif a): terminal.
    case attribuee
    /// Radiée for one of the closed list of motifs (R441-2-8); reactivable within a window for some motifs.
    case radiee

    /// French label for agents.
    public var libelle: String {
        switch self {
        case .brouillon: "brouillon"
        case .deposee: "déposée"
        case .enregistree: "enregistrée"
        case .renouvelee: "renouvelée"
        case .attribuee: "attribuée"
        case .radiee: "radiée"
        }
    }
}

/// Closed list of radiation motifs (CCH R441-2-8); attribution is the `attribuee` state.
public enum MotifRadiation: String, Sendable, Hashable, Codable, CaseIterable {
    case renonciation, nonReponse, irrecevabilite, nonRenouvellement, fusion

    public var libelle: String {
        switch self {
        case .renonciation: "renonciation du demandeur"
        case .nonReponse: "absence de réponse à un courrier"
        case .irrecevabilite: "irrecevabilité prononcée par une commission d'attribution"
        case .nonRenouvellement: "non-renouvellement dans le délai"
        case .fusion: "fusion dans une demande nationale"
        }
    }
}

/// The only two irrecevabilité sub-motifs (arrêté du 23 mars 2015 §6.4), mandatory with that motif.
public enum SousMotifIrrecevabilite: String, Sendable, Hashable, Codable, CaseIterable {
    case depassementPlafonds, irregulariteSejour
}

/// A radiation: motif, sub-motif when irrecevabilité, date.
public struct Radiation: Sendable, Hashable, Codable {
    public var motif: MotifRadiation
    public var sousMotif: SousMotifIrrecevabilite?
    public var le: Jour

    public init(motif: MotifRadiation, sousMotif: SousMotifIrrecevabilite? = nil, le: Jour) {
        self.motif = motif
        self.sousMotif = sousMotif
        self.le = le
    }
}

import Foundation

/// Motifs of the demande (CERFA page 8). The form's box codes for these are not confirmed (docs/DOMAIN.md);
/// the names follow the form's wording. A set: stored sorted and unique, merged by union on concurrent edits.
public enum Motif: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case sansLogement, hebergeParents, hebergeTiers, structureHebergement, logementTemporaire, hotel,
        procedureExpulsion, logementRepris, logementTropCher, logementTropPetit, logementTropGrand,
        logementNonDecent, logementIndigne, violencesFamiliales, handicap, raisonsSante, mutationProfessionnelle,
        rapprochementTravail, rapprochementFamilial, eloigneEquipements, eloigneFamille, divorceSeparation,
        departPersonnesACharge, decohabitation, demolition, problemesVoisinage, sortieASE, futurCouple,
        assistantMaternelFamilial, autre

    public static func < (a: Motif, b: Motif) -> Bool { a.rawValue < b.rawValue }
}

/// Priority situations of CCH L441-1 (letters as in the 2017 text; later additions named).
public enum PrioriteL4411: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case handicap, malLogeDefavorise, hebergeTemporaire, repriseActivite, habitatIndigne, violencesCouple,
        surOccupationAvecMineur, sansLogement, menaceExpulsion, sortieAppartementCoordination, sortieProstitution,
        victimeTraite, sortieASE

    public static func < (a: PrioriteL4411, b: PrioriteL4411) -> Bool { a.rawValue < b.rawValue }
}

/// A priority declared on the demande; it counts in cotation only once a niveau-3 point or the métropole validated it.
public struct PrioriteDeclaree: Sendable, Hashable, Codable {
    public var priorite: PrioriteL4411
    /// Code of the guichet whose agent validated it, and when.
    public var valideePar: String?
    public var valideeLe: Jour?

    public init(priorite: PrioriteL4411, valideePar: String? = nil, valideeLe: Jour? = nil) {
        self.priorite = priorite
        self.valideePar = valideePar
        self.valideeLe = valideeLe
    }

    public var estValidee: Bool { valideePar != nil && valideeLe != nil }
}

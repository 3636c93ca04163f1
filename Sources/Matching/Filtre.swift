import Foundation

/// The hard filters of the rapprochement offre/demande: a demande is proposed for an offer only when every one passes.
///
/// Each filter, its source and its defaults are documented in docs/DOMAIN.md, « Rapprochement et cotation ».
/// The cotation never replaces them: it only ranks the demandes that pass (as Paris does: « un premier filtre »
/// on household size and resources, then decreasing points).
public enum Filtre: String, Sendable, Hashable, Codable, CaseIterable {
    /// Revenu retenu ≤ ceiling of the offer's financement, household catégorie, offer commune's zone
    /// (CCH R441-1 1°, arrêté du 29 juillet 1987).
    case plafond
    /// Offer commune among those wished, or élargissement accepted and the commune in the métropole.
    case commune
    /// Offer typology among those sought.
    case typologie
    /// Persons to house within the occupancy bounds of the offer's typology (`ReglesOccupation`, per bailleur).
    case occupation
    /// Offer accessibility at least the need; lift and floor constraints.
    case accessibilite
    /// Housing cost ≤ maximum stated, taux d'effort ≤ threshold, reste à vivre ≥ threshold (`ParametresSolvabilite`).
    case loyer

    /// French label for agents.
    public var libelle: String {
        switch self {
        case .plafond: "plafond de ressources"
        case .commune: "commune"
        case .typologie: "typologie"
        case .occupation: "règles d'occupation"
        case .accessibilite: "accessibilité"
        case .loyer: "loyer et solvabilité"
        }
    }
}

/// The outcome of one filter for one demande and one offer, with the values compared, in French.
public struct ResultatFiltre: Sendable, Hashable, Codable {
    /// Which filter.
    public let filtre: Filtre
    /// True when the demande passes.
    public let passe: Bool
    /// The values compared, e.g. « Revenu fiscal de référence 2024 : 31 254 € ≤ plafond PLUS 2026 … : 31 254 € ».
    public let valeurs: String

    /// Creates a result.
    public init(filtre: Filtre, passe: Bool, valeurs: String) {
        self.filtre = filtre
        self.passe = passe
        self.valeurs = valeurs
    }
}

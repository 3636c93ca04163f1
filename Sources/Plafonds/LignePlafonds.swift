import Foundation

/// One row of an official table: the six catégories of one financement in one zone, for one year.
public struct LignePlafonds: Sendable, Hashable, Codable {
    /// Annual ceilings (revenu fiscal de référence, whole euros) for catégories 1 to 6.
    public let categories: [Int]
    /// Amount added for each person beyond catégorie 6.
    public let parPersonneSupplementaire: Int
    /// True when at least one cell was computed by a documented rule instead of read in a source.
    public let derive: Bool
    /// Where the figures come from, and for derived cells how they were computed.
    public let source: String

    /// Creates a row (the loader validates it).
    public init(categories: [Int], parPersonneSupplementaire: Int, derive: Bool, source: String) {
        self.categories = categories
        self.parPersonneSupplementaire = parPersonneSupplementaire
        self.derive = derive
        self.source = source
    }

    /// Why the row cannot be used, or nil when it is well formed.
    var defaut: String? {
        guard categories.count == 6 else { return "6 catégories attendues, \(categories.count) trouvées" }
        guard categories.allSatisfy({ $0 > 0 }), parPersonneSupplementaire > 0 else {
            return "montants strictement positifs attendus"
        }
        // Each catégorie houses more persons than the previous one: a decrease is a typing error.
        guard zip(categories, categories.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return "montants croissants attendus de la catégorie 1 à 6 : \(categories)"
        }
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { return "source vide" }
        return nil
    }
}

/// The ceilings of one year: the arrêté that set them and the nine rows (3 financements × 3 zones).
public struct BaremePlafonds: Sendable, Hashable {
    /// Year of application (1 January to 31 December).
    public let annee: Int
    /// Official text that fixes these figures.
    public let texte: String
    /// Day the figures were last checked against their sources (ISO date).
    public let verifieLe: String
    /// Every row, complete by construction (the loader rejects a missing one).
    public let lignes: [Financement: [ZonePlafond: LignePlafonds]]

    /// The row of a financement in a zone.
    public func ligne(_ financement: Financement, _ zone: ZonePlafond) -> LignePlafonds {
        // Safe: `TablePlafonds` only builds complete barèmes.
        lignes[financement]![zone]!
    }
}
